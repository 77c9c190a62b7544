using System.Net;
using System.Text.Json;
using PersonalizedLine.Tests.Api;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Web;

/// <summary>
/// Upload problems name the form field they concern in <c>errors</c> (the shape of ASP.NET Core's validation
/// problems), so the web page can show each next to its field; and the estimate lists the file's columns as
/// placeholders.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class UploadFieldErrorsApiTests(ApiFixture api)
{
    [Fact]
    public async Task An_empty_file_is_the_file_fields_error()
    {
        var problem = await EstimateProblemAsync(JobUploads.Csv(string.Empty), HttpStatusCode.BadRequest);

        Assert.Equal(["file"], FieldNames(problem));
        Assert.Equal(problem.GetProperty("detail").GetString(), problem.GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Contains("empty", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_file_without_the_company_column_is_the_file_fields_error_while_the_templates_are_the_defaults()
    {
        var problem = await EstimateProblemAsync(JobUploads.Csv("first_name,email\nAda,ada@example.com\n"), HttpStatusCode.BadRequest);

        Assert.Equal(["file"], FieldNames(problem));
        var messages = problem.GetProperty("errors").GetProperty("file").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Equal(2, messages.Count); // the research query and the prompt both need {company}
        Assert.All(messages, message => Assert.Contains("{company}", message));
        // The older list of problems is still there for existing clients.
        Assert.Equal(2, problem.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public async Task A_prompt_the_user_wrote_with_an_unknown_column_is_the_prompt_fields_error()
    {
        var form = JobUploads.Csv(LeadFiles.Csv(2), "leads.csv", ("prompt", "Write to {first_name} about {favourite_colour}."));

        var problem = await EstimateProblemAsync(form, HttpStatusCode.BadRequest);

        Assert.Equal(["prompt"], FieldNames(problem));
        Assert.Contains("{favourite_colour}", problem.GetProperty("errors").GetProperty("prompt")[0].GetString());
    }

    [Theory]
    [InlineData("limit", "zero")]
    [InlineData("mode", "sometimes")]
    [InlineData("rowsPerRequest", "500")]
    [InlineData("refreshResearch", "maybe")]
    public async Task A_bad_option_is_its_own_fields_error(string field, string value)
    {
        var problem = await EstimateProblemAsync(JobUploads.Csv(LeadFiles.Csv(2), "leads.csv", (field, value)), HttpStatusCode.BadRequest);

        Assert.Equal([field], FieldNames(problem));
        Assert.Contains(value, problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task The_estimate_lists_the_files_columns_with_placeholders_that_resolve_to_them_and_the_templates_in_use()
    {
        const string csv = "First Name,Company Name,Notes (internal),Website URL\nAda,Stripe,x,stripe.com\n";
        using var response = await api.Http.PostAsync("/jobs/estimate", JobUploads.Csv(csv));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var estimate = await JobsApiCalls.ReadJsonAsync(response);
        var columns = estimate.GetProperty("columns").EnumerateArray()
            .Select(c => (c.GetProperty("name").GetString(), c.GetProperty("placeholder").GetString()))
            .ToList();
        Assert.Equal(
            [("First Name", "{first_name}"), ("Company Name", "{company}"), ("Notes (internal)", null), ("Website URL", "{website}")],
            columns);
        Assert.Contains("{company}", estimate.GetProperty("promptTemplate").GetString());
        Assert.Equal("{company} {website?}", estimate.GetProperty("researchQueryTemplate").GetString());
    }

    private async Task<JsonElement> EstimateProblemAsync(MultipartFormDataContent form, HttpStatusCode expected)
    {
        using (form)
        {
            using var response = await api.Http.PostAsync("/jobs/estimate", form);
            Assert.Equal(expected, response.StatusCode);
            return await JobsApiCalls.ReadJsonAsync(response);
        }
    }

    private static List<string> FieldNames(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
}
