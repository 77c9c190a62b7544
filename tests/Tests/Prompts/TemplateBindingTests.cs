using PersonalizedLine.Grains.Prompts;

namespace PersonalizedLine.Tests.Prompts;

public sealed class TemplateBindingTests
{
    private static readonly string[] Headers = ["First Name", "Company Name", "Website", "Job Title"];

    [Fact]
    public void Render_fills_placeholders_from_the_matching_cells()
    {
        var binding = LeadTemplate.Parse("Hi {first_name} from {company} ({website})", "prompt template").Bind(Headers);

        Assert.Equal("Hi Jane from Acme (acme.com)", binding.Render(["Jane", "Acme", "acme.com", "CTO"]));
    }

    [Fact]
    public void An_optional_placeholder_without_a_column_renders_empty_and_spaces_collapse()
    {
        var binding = LeadTemplate.Parse("{company} {industry?} {website?}", "research query template").Bind(["Company", "Website"]);

        Assert.True(binding.IsComplete);
        Assert.Equal("Acme acme.com", binding.Render(["Acme", "acme.com"]));
    }

    [Fact]
    public void An_optional_placeholder_with_an_empty_cell_renders_empty()
    {
        var binding = LeadTemplate.Parse("  {company}   {website?}  ", "research query template").Bind(["Company", "Website"]);

        Assert.Equal("Acme", binding.Render(["Acme", "   "]));
    }

    [Fact]
    public void Rendering_keeps_line_breaks_of_the_template_but_flattens_cells()
    {
        var binding = LeadTemplate.Parse("To: {first_name}\nTitle:  {title?}\n\n\n\nCompany: {company}", "prompt template").Bind(Headers);

        Assert.Equal("To: Jane\nTitle:\n\nCompany: Acme Corp", binding.Render(["Jane", "Acme\r\n  Corp", "", ""]));
    }

    [Fact]
    public void A_short_row_renders_missing_trailing_cells_as_empty()
    {
        var binding = LeadTemplate.Parse("{first_name} {title?}", "prompt template").Bind(Headers);

        Assert.Equal("Jane", binding.Render(["Jane"]));
    }

    [Fact]
    public void Missing_required_placeholders_are_listed_in_template_order_without_optional_ones()
    {
        var binding = LeadTemplate.Parse("{job_title} {company} {industry?} {first_name} {budget}", "prompt template")
            .Bind(["Company", "Name"]);

        Assert.Equal(["job_title", "first_name", "budget"], binding.MissingRequired);
        Assert.False(binding.IsComplete);
    }

    [Fact]
    public void Rendering_an_incomplete_binding_throws_instead_of_guessing()
    {
        var binding = LeadTemplate.Parse("{first_name} {budget}", "prompt template").Bind(Headers);

        var error = Assert.Throws<InvalidOperationException>(() => binding.Render(["Jane", "Acme", "", ""]));
        Assert.Equal("The prompt template cannot be rendered: the file has no column for {budget}.", error.Message);
    }

    [Fact]
    public void Lead_fields_map_bound_placeholder_names_to_trimmed_cells()
    {
        var binding = LeadTemplate.Parse("{first_name} {company} {title?} {industry?}", "prompt template").Bind(Headers);

        var fields = binding.LeadFields(["  Jane ", "Acme", "acme.com", ""]);

        Assert.Equal(3, fields.Count);
        Assert.Equal("Jane", fields["first_name"]);
        Assert.Equal("Acme", fields["company"]);
        Assert.Equal("", fields["title"]);
        Assert.False(fields.ContainsKey("industry"));
    }

    [Fact]
    public void Empty_required_lists_required_placeholders_whose_cell_is_blank_on_this_row()
    {
        var binding = LeadTemplate.Parse("{first_name} {company} {title?}", "prompt template").Bind(Headers);

        Assert.Equal(["company"], binding.EmptyRequired(["Jane", "  ", "", ""]));
        Assert.Equal(["first_name", "company"], binding.EmptyRequired([]));
        Assert.Empty(binding.EmptyRequired(["Jane", "Acme", "", ""]));
    }
}
