using System.Net;
using System.Text.Json;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Tests.Estimates;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Api;

[Collection(EstimateApiCollection.Name)]
public sealed class EstimateApiTests
{
    private readonly EstimateApiFixture _api;

    public EstimateApiTests(EstimateApiFixture api)
    {
        _api = api;
        api.Emulator.Reset();
    }

    [Fact]
    public async Task TheEstimateOfAHandComputedFileMatchesItsFiguresAndCallsNoProvider()
    {
        var form = JobUploads.Csv(EstimateFiles.SevenRowsFourCompanies, "leads.csv", ("model", EstimateApiFixture.PricedModel));

        using var response = await _api.Http.PostAsync("/jobs/estimate", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var estimate = await ReadJsonAsync(response);
        var promptTokens = EstimateFiles.PromptTokensOfAllRows(
            EstimateFiles.SevenRowsFourCompanies, EstimateApiFixture.PricedModel, new ResearchOptions().SummaryMaxChars);
        var maxTokens = new LlmOptions().MaxTokens;

        Assert.Equal(7, estimate.GetProperty("rows").GetInt64());
        Assert.Equal(4, estimate.GetProperty("distinctResearchQueries").GetInt64());
        Assert.Equal(0, estimate.GetProperty("cachedResearchQueries").GetInt64());
        Assert.Equal(4, estimate.GetProperty("searchesToMake").GetInt64());
        Assert.Equal(7, estimate.GetProperty("llmRequests").GetInt64());
        Assert.Equal(promptTokens, estimate.GetProperty("promptTokens").GetInt64());
        Assert.Equal(7 * maxTokens, estimate.GetProperty("completionTokensMax").GetInt64());

        // 7 requests at 30 a minute = 14 s; 4 searches at 60 a minute = 4 s; the token limit is far away.
        Assert.Equal(14.0, estimate.GetProperty("expectedDurationSeconds").GetDouble());
        Assert.Equal("Llm__RequestsPerMinute", estimate.GetProperty("bindingLimit").GetString());

        // LLM: prompt tokens at 2 $/M plus 840 completion tokens at 4 $/M; search: 4 searches at 5 $ per thousand = 0.02 $.
        var llm = Math.Round(((promptTokens * 2m) + (7 * maxTokens * 4m)) / 1_000_000m, 6);
        var cost = estimate.GetProperty("cost");
        Assert.Equal(llm, cost.GetProperty("llm").GetDecimal());
        Assert.Equal(0.02m, cost.GetProperty("search").GetDecimal());
        Assert.Equal(llm + 0.02m, cost.GetProperty("total").GetDecimal());
        Assert.Equal("USD", cost.GetProperty("currency").GetString());
        Assert.NotEmpty(estimate.GetProperty("notes").EnumerateArray());

        Assert.Equal(0, _api.Emulator.Search.TotalRequests);
        Assert.Equal(0, _api.Emulator.Llm.TotalRequests);
    }

    [Fact]
    public async Task AModelWithoutAPriceGetsNoCostAndANoteNamingTheSetting()
    {
        var form = JobUploads.Csv(LeadFiles.Csv(3), "leads.csv", ("model", "unpriced-model"));

        using var response = await _api.Http.PostAsync("/jobs/estimate", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var estimate = await ReadJsonAsync(response);
        Assert.Equal(JsonValueKind.Null, estimate.GetProperty("cost").ValueKind);
        Assert.Contains(estimate.GetProperty("notes").EnumerateArray(),
            note => note.GetString()!.Contains("Pricing__Models__unpriced-model__InputPerMillion"));
    }

    [Theory]
    [InlineData("name,email\nAda,ada@example.com\n")]
    [InlineData("first_name,company\n")]
    [InlineData("first_name,company\nAda,\"Acme\n")]
    public async Task ABadFileGetsTheSameProblemAsASubmission(string csv)
    {
        using var submitted = await _api.Http.PostAsync("/jobs", JobUploads.Csv(csv));
        using var estimated = await _api.Http.PostAsync("/jobs/estimate", JobUploads.Csv(csv));

        Assert.Equal(HttpStatusCode.BadRequest, estimated.StatusCode);
        Assert.Equal(submitted.StatusCode, estimated.StatusCode);
        Assert.Equal("application/problem+json", estimated.Content.Headers.ContentType?.MediaType);
        var expected = await ReadJsonAsync(submitted);
        var actual = await ReadJsonAsync(estimated);
        Assert.Equal(expected.GetProperty("title").GetString(), actual.GetProperty("title").GetString());
        Assert.Equal(expected.GetProperty("detail").GetString(), actual.GetProperty("detail").GetString());
        Assert.Equal(0, _api.Emulator.TotalRequests);
    }

    [Fact]
    public async Task AFormPartAfterTheFileIsRejectedAsForASubmission()
    {
        var form = JobUploads.Csv(LeadFiles.Csv(2));
        form.Add(new StringContent("m"), "model");

        using var response = await _api.Http.PostAsync("/jobs/estimate", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("after 'file'", (await ReadJsonAsync(response)).GetProperty("detail").GetString());
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
