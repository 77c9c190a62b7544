using PersonalizedLine.Grains.Prompts;

namespace PersonalizedLine.Tests.Prompts;

public sealed class JobTemplatesTests
{
    private static readonly string[] Headers = ["First Name", "Company", "Website"];

    [Fact]
    public void Templates_that_fit_the_file_produce_no_problems()
    {
        Assert.Empty(JobTemplates.Validate("{company} {website?}", "Write to {first_name} at {company}", Headers));
    }

    [Fact]
    public void A_missing_column_is_explained_with_the_columns_the_file_has()
    {
        var errors = JobTemplates.Validate("{company}", "Write to {first_name}, {job_title}", Headers);

        var error = Assert.Single(errors);
        Assert.Equal(
            "The prompt template uses {job_title}, but the file has no such column. Columns in the file: First Name, Company, Website. Rename a column or change the template.",
            error.Message);
        Assert.Equal("prompt template", error.TemplateName);
        Assert.Equal(["job_title"], error.MissingPlaceholders);
        Assert.Equal(error.Message, error.ToString());
    }

    [Fact]
    public void One_message_per_template_names_all_of_its_missing_placeholders()
    {
        var errors = JobTemplates.Validate("{company} {hq_city} {ticker}", "{first_name} {job_title} {seniority} {budget} {notes?}", Headers);

        Assert.Equal(
            [
                "The research query template uses {hq_city} and {ticker}, but the file has no such columns. Columns in the file: First Name, Company, Website. Rename a column or change the template.",
                "The prompt template uses {job_title}, {seniority} and {budget}, but the file has no such columns. Columns in the file: First Name, Company, Website. Rename a column or change the template.",
            ],
            errors.Select(e => e.Message));
    }

    [Fact]
    public void Syntax_errors_are_returned_as_messages_not_thrown()
    {
        var errors = JobTemplates.Validate("{company", "{first_name}} {}", Headers);

        Assert.Equal(
            [
                "Syntax error in the research query template at position 1: '{' is never closed. Write {{ and }} for literal braces.",
                "Syntax error in the prompt template at position 13: '}' has no matching '{'. Write {{ and }} for literal braces.",
            ],
            errors.Select(e => e.Message));
    }

    [Fact]
    public void An_empty_template_is_a_problem()
    {
        var errors = JobTemplates.Validate(" ", "{first_name}", Headers);

        Assert.Equal(["The research query template is empty."], errors.Select(e => e.Message));
    }

    [Fact]
    public void A_file_without_columns_says_so()
    {
        var error = Assert.Single(JobTemplates.Validate("{company?}", "{first_name}", []));

        Assert.Equal(
            "The prompt template uses {first_name}, but the file has no such column. The file has no columns. Rename a column or change the template.",
            error.Message);
    }

    [Fact]
    public void A_very_wide_file_lists_the_first_thirty_columns_and_counts_the_rest()
    {
        var headers = Enumerable.Range(1, 33).Select(i => $"c{i}").ToArray();

        var error = Assert.Single(JobTemplates.Validate("{c1}", "{first_name}", headers));

        Assert.EndsWith(", c29, c30 and 3 more. Rename a column or change the template.", error.Message);
    }
}
