using PersonalizedLine.Grains.Prompts;

namespace PersonalizedLine.Tests.Prompts;

public sealed class LineGuardrailsTests
{
    private const string Normal = "Saw that Acme just opened its Ohio plant, congrats on doubling capacity this year.";

    [Fact]
    public void A_normal_line_is_accepted_unchanged()
    {
        Assert.Equal(new GuardrailVerdict(true, Normal, null), LineGuardrails.Check(Normal, LineGuardrails.DefaultMaxLength));
    }

    [Fact]
    public void The_default_max_length_is_300()
    {
        Assert.Equal(300, LineGuardrails.DefaultMaxLength);
    }

    [Fact]
    public void Surrounding_whitespace_is_trimmed_and_inner_runs_collapse()
    {
        Assert.Equal("Loved the Ohio plant news.", Accepted("  \n Loved   the\tOhio  plant news. \n "));
    }

    [Theory]
    [InlineData("\"Loved the Ohio plant news.\"")]
    [InlineData("'Loved the Ohio plant news.'")]
    [InlineData("“Loved the Ohio plant news.”")]
    [InlineData("‘Loved the Ohio plant news.’")]
    [InlineData("«Loved the Ohio plant news.»")]
    [InlineData("`Loved the Ohio plant news.`")]
    [InlineData("\"'“Loved the Ohio plant news.”'\"")]
    [InlineData("**Loved the Ohio plant news.**")]
    [InlineData("**\"Loved the Ohio plant news.\"**")]
    [InlineData("```\nLoved the Ohio plant news.\n```")]
    public void Wrapping_quotes_and_emphasis_are_stripped(string raw)
    {
        Assert.Equal("Loved the Ohio plant news.", Accepted(raw));
    }

    [Fact]
    public void Quotes_inside_the_line_are_kept()
    {
        Assert.Equal("\"Move fast\" is a motto Acme lives by, judging by the \"ship daily\" blog.",
            Accepted("\"Move fast\" is a motto Acme lives by, judging by the \"ship daily\" blog."));
        Assert.Equal("**Acme** ships **fast**", Accepted("**Acme** ships **fast**"));
    }

    [Theory]
    [InlineData("Here's your opening line:\nLoved the Ohio plant news.")]
    [InlineData("Sure! Here is a personalized line:\n\n\"Loved the Ohio plant news.\"")]
    [InlineData("Sure!\nHere is a personalized opening line for Jane:\nLoved the Ohio plant news.")]
    [InlineData("**Opening line:**\nLoved the Ohio plant news.")]
    [InlineData("Here's your opening line: Loved the Ohio plant news.")]
    [InlineData("Certainly! Here is the personalized opener: \"Loved the Ohio plant news.\"")]
    [InlineData("Opening line: Loved the Ohio plant news.")]
    public void A_preamble_before_the_line_is_stripped(string raw)
    {
        Assert.Equal("Loved the Ohio plant news.", Accepted(raw));
    }

    [Fact]
    public void An_opener_that_merely_starts_with_here_is_kept()
    {
        Assert.Equal("Here's a thought: Acme's Ohio plant could use our sensors.", Accepted("Here's a thought: Acme's Ohio plant could use our sensors."));
    }

    [Fact]
    public void Several_lines_are_rejected_with_the_count()
    {
        var verdict = LineGuardrails.Check("Line one about Acme.\n\nLine two about Acme.\nLine three.", 300);

        Assert.Equal(new GuardrailVerdict(false, "", "the model returned 3 lines instead of one"), verdict);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n\t ")]
    [InlineData("\"\"")]
    [InlineData("** **")]
    public void An_empty_answer_is_rejected(string? raw)
    {
        Assert.Equal(new GuardrailVerdict(false, "", "the model returned an empty answer"), LineGuardrails.Check(raw, 300));
    }

    [Theory]
    [InlineData("I'm sorry, but I can't help with that request.")]
    [InlineData("I’m sorry, but I can’t help with that request.")]
    [InlineData("I cannot write personalized content about real people.")]
    [InlineData("I can't do that.")]
    [InlineData("As an AI, I do not browse the web.")]
    [InlineData("I am unable to find details about Acme.")]
    [InlineData("I'm not able to verify this company.")]
    [InlineData("I don't have enough information about Acme to write a line.")]
    [InlineData("Unfortunately, the research has nothing. I don't have enough information to personalize this.")]
    public void Refusals_are_rejected(string raw)
    {
        var verdict = LineGuardrails.Check(raw, 300);

        Assert.False(verdict.Accepted);
        Assert.StartsWith("the model refused: ", verdict.Reason);
    }

    [Fact]
    public void A_refusal_reason_quotes_the_first_80_characters()
    {
        var raw = "I'm sorry, but I cannot create a cold email opening line because the research notes do not mention the company at all.\nPlease provide more details.";

        var verdict = LineGuardrails.Check(raw, 300);

        Assert.Equal("the model refused: I'm sorry, but I cannot create a cold email opening line because the research no…", verdict.Reason);
    }

    [Theory]
    [InlineData("I can't help but notice Acme's new Ohio plant.")]
    [InlineData("As an AI-first team, Acme shipping three models this year is impressive.")]
    [InlineData("Loved the launch of Acme's new language model for legal teams.")]
    public void A_sales_opener_that_looks_like_a_refusal_is_accepted(string line)
    {
        Assert.Equal(line, Accepted(line));
    }

    [Theory]
    [InlineData("Hi {first_name}, loved the Ohio plant news.", "{first_name}")]
    [InlineData("Loved what [Company] did in Ohio.", "[Company]")]
    [InlineData("Hey [Name], congrats on Ohio.", "[Name]")]
    [InlineData("Hey [First Name], congrats on Ohio.", "[First Name]")]
    [InlineData("Congrats to the <Company> team on Ohio.", "<Company>")]
    public void Leftover_placeholders_are_rejected(string raw, string placeholder)
    {
        Assert.Equal(new GuardrailVerdict(false, "", $"the line still contains the placeholder {placeholder}"), LineGuardrails.Check(raw, 300));
    }

    [Fact]
    public void A_line_of_exactly_the_max_length_is_accepted()
    {
        var line = new string('a', 299) + ".";

        Assert.Equal(new GuardrailVerdict(true, line, null), LineGuardrails.Check(line, 300));
    }

    [Fact]
    public void A_line_one_character_over_the_max_length_is_rejected()
    {
        var line = new string('a', 300) + ".";

        Assert.Equal(new GuardrailVerdict(false, "", "the line is 301 characters, over the 300-character limit"), LineGuardrails.Check(line, 300));
    }

    [Fact]
    public void The_length_is_measured_after_cleanup()
    {
        var line = new string('a', 50);

        Assert.True(LineGuardrails.Check("  \"" + line + "\"  ", 50).Accepted);
        Assert.Equal("the line is 412 characters, over the 300-character limit", LineGuardrails.Check(new string('b', 412), 300).Reason);
    }

    [Fact]
    public void A_non_positive_max_length_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LineGuardrails.Check(Normal, 0));
    }

    private static string Accepted(string raw)
    {
        var verdict = LineGuardrails.Check(raw, LineGuardrails.DefaultMaxLength);
        Assert.True(verdict.Accepted, verdict.Reason);
        return verdict.Line;
    }
}
