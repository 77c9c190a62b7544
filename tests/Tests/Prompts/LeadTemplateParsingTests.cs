using PersonalizedLine.Grains.Prompts;

namespace PersonalizedLine.Tests.Prompts;

public sealed class LeadTemplateParsingTests
{
    [Fact]
    public void Placeholders_are_listed_once_in_order_of_first_use()
    {
        var template = LeadTemplate.Parse("{company} and {first_name}, again {company}", "prompt template");

        Assert.Equal(
            [new TemplatePlaceholder("company", false), new TemplatePlaceholder("first_name", false)],
            template.Placeholders);
    }

    [Fact]
    public void A_trailing_question_mark_makes_a_placeholder_optional()
    {
        var template = LeadTemplate.Parse("{company} {website?} { title ? }", "research query template");

        Assert.Equal(
            [new TemplatePlaceholder("company", false), new TemplatePlaceholder("website", true), new TemplatePlaceholder("title", true)],
            template.Placeholders);
    }

    [Fact]
    public void A_placeholder_used_both_optional_and_required_counts_as_required()
    {
        var template = LeadTemplate.Parse("{title?} then {title}", "prompt template");

        Assert.Equal([new TemplatePlaceholder("title", false)], template.Placeholders);
    }

    [Fact]
    public void Doubled_braces_are_literal_braces_and_not_placeholders()
    {
        var template = LeadTemplate.Parse("Reply as JSON {{\"line\": \"...\"}} for {company}", "prompt template");

        Assert.Equal([new TemplatePlaceholder("company", false)], template.Placeholders);
        Assert.Equal("Reply as JSON {\"line\": \"...\"} for Acme", template.Bind(["Company"]).Render(["Acme"]));
    }

    [Fact]
    public void Doubled_braces_around_a_name_render_the_name_in_braces()
    {
        var template = LeadTemplate.Parse("{{first_name}}", "prompt template");

        Assert.Empty(template.Placeholders);
        Assert.Equal("{first_name}", template.Bind([]).Render([]));
    }

    [Fact]
    public void An_unclosed_brace_is_a_syntax_error_naming_the_template_and_position()
    {
        var error = Assert.Throws<TemplateSyntaxException>(() => LeadTemplate.Parse("Hi {first_name", "prompt template"));

        Assert.Equal("Syntax error in the prompt template at position 4: '{' is never closed. Write {{ and }} for literal braces.", error.Message);
        Assert.Equal(4, error.Position);
        Assert.Equal("prompt template", error.TemplateName);
    }

    [Fact]
    public void A_brace_opened_inside_a_placeholder_is_reported_at_the_first_brace()
    {
        var error = Assert.Throws<TemplateSyntaxException>(() => LeadTemplate.Parse("{company {website}", "research query template"));

        Assert.Equal("Syntax error in the research query template at position 1: '{' is never closed. Write {{ and }} for literal braces.", error.Message);
    }

    [Fact]
    public void A_lone_closing_brace_is_a_syntax_error()
    {
        var error = Assert.Throws<TemplateSyntaxException>(() => LeadTemplate.Parse("{company}} rocks", "prompt template"));

        Assert.Equal("Syntax error in the prompt template at position 10: '}' has no matching '{'. Write {{ and }} for literal braces.", error.Message);
    }

    [Theory]
    [InlineData("Hello {} there", 7, "{}")]
    [InlineData("Hello {?} there", 7, "{?}")]
    [InlineData("Hello {  } there", 7, "{  }")]
    public void An_empty_placeholder_is_a_syntax_error(string text, int position, string shown)
    {
        var error = Assert.Throws<TemplateSyntaxException>(() => LeadTemplate.Parse(text, "prompt template"));

        Assert.Equal($"Syntax error in the prompt template at position {position}: the placeholder {shown} has no column name. Write {{{{ and }}}} for literal braces.", error.Message);
    }

    [Fact]
    public void A_json_snippet_is_reported_as_an_invalid_placeholder_rather_than_a_missing_column()
    {
        var error = Assert.Throws<TemplateSyntaxException>(() => LeadTemplate.Parse("Answer {\"line\": 1}", "prompt template"));

        Assert.Equal(
            "Syntax error in the prompt template at position 8: {\"line\": 1} is not a valid placeholder; column names may contain letters, digits, spaces, '_', '-' and '.'. Write {{ and }} for literal braces.",
            error.Message);
    }

    [Fact]
    public void A_template_without_placeholders_has_none()
    {
        Assert.Empty(LeadTemplate.Parse("just text", "prompt template").Placeholders);
    }
}
