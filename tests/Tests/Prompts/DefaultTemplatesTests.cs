using PersonalizedLine.Grains.Prompts;

namespace PersonalizedLine.Tests.Prompts;

public sealed class DefaultTemplatesTests
{
    [Fact]
    public void Default_templates_require_only_first_name_and_company()
    {
        var required = LeadTemplate.Parse(DefaultTemplates.Prompt, JobTemplates.PromptTemplateName).Placeholders
            .Concat(LeadTemplate.Parse(DefaultTemplates.ResearchQuery, JobTemplates.ResearchQueryTemplateName).Placeholders)
            .Where(p => !p.IsOptional)
            .Select(p => p.Name)
            .Distinct();

        Assert.Equal(["company", "first_name"], required.Order());
    }

    [Theory]
    [InlineData("First Name|Company Name|Website URL")]
    [InlineData("first_name|company")]
    public void Default_templates_fit_common_headers(string headerLine)
    {
        Assert.Empty(JobTemplates.Validate(DefaultTemplates.ResearchQuery, DefaultTemplates.Prompt, headerLine.Split('|')));
    }

    [Fact]
    public void Default_templates_report_missing_columns_for_a_file_with_only_email()
    {
        var errors = JobTemplates.Validate(DefaultTemplates.ResearchQuery, DefaultTemplates.Prompt, ["email"]);

        Assert.Equal(
            [
                "The research query template uses {company}, but the file has no such column. Columns in the file: email. Rename a column or change the template.",
                "The prompt template uses {first_name} and {company}, but the file has no such columns. Columns in the file: email. Rename a column or change the template.",
            ],
            errors.Select(e => e.Message));
    }

    [Fact]
    public void The_default_research_query_searches_the_company_and_its_website()
    {
        var binding = LeadTemplate.Parse(DefaultTemplates.ResearchQuery, JobTemplates.ResearchQueryTemplateName)
            .Bind(["First Name", "Company Name", "Website URL"]);

        Assert.Equal("Acme Robotics acme.io", binding.Render(["Jane", "Acme Robotics", "acme.io"]));
        Assert.Equal("Acme Robotics", binding.Render(["Jane", "Acme Robotics", ""]));
    }

    [Fact]
    public void The_default_prompt_renders_without_placeholders_when_optional_columns_are_absent()
    {
        var binding = LeadTemplate.Parse(DefaultTemplates.Prompt, JobTemplates.PromptTemplateName).Bind(["first_name", "company"]);

        var rendered = binding.Render(["Jane", "Acme"]);

        Assert.StartsWith("Write the opening line of a cold email to Jane at Acme.\nRecipient's job title (may be blank):\n", rendered);
        Assert.DoesNotContain("{", rendered);
        Assert.DoesNotContain("  ", rendered);
        Assert.Contains("under 30 words", rendered);
    }
}
