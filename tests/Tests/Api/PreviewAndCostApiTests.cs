using System.Net;
using System.Text.Json;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class PreviewAndCostApiTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    // Companies no other test uses: research results are cached across jobs, and other tests count their searches.
    private readonly string _prefix = "Preview" + Guid.NewGuid().ToString("N")[..8];
    private readonly ApiFixture _api;

    public PreviewAndCostApiTests(ApiFixture api)
    {
        _api = api;
        api.Emulator.Reset();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task APreviewRunsOnlyTheFirstRowsInOrder(bool asQueryParameter)
    {
        var form = asQueryParameter
            ? JobUploads.Csv(Leads(10))
            : JobUploads.Csv(Leads(10), "leads.csv", ("limit", "3"));

        using var response = await _api.Http.PostAsync(asQueryParameter ? "/jobs?limit=3" : "/jobs", form);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await ReadJsonAsync(response)).GetProperty("id").GetString()!;
        var job = await WaitForCompletedAsync(id);
        Assert.Equal(3, job.GetProperty("totalRows").GetInt64());
        Assert.True(job.GetProperty("preview").GetBoolean());
        Assert.Equal(3, job.GetProperty("rowLimit").GetInt64());

        using var result = await _api.Http.GetAsync($"/jobs/{id}/result");
        var output = await CsvOutput.ParseAsync(await result.Content.ReadAsStreamAsync());
        Assert.Equal(["Lead0", "Lead1", "Lead2"], output.Rows.Select(row => row[0]));
        output.AssertAllOk();
        Assert.Equal(3, _api.Emulator.Llm.TotalRequests);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("-2")]
    public async Task ALimitThatIsNotAPositiveNumberIs400NamingIt(string limit)
    {
        using var response = await _api.Http.PostAsync("/jobs", JobUploads.Csv(LeadFiles.Csv(2), "leads.csv", ("limit", limit)));
        using var asQuery = await _api.Http.PostAsync($"/jobs?limit={limit}", JobUploads.Csv(LeadFiles.Csv(2)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, asQuery.StatusCode);
        Assert.Contains("'limit'", (await ReadJsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(0, _api.Emulator.TotalRequests);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("51")]
    [InlineData("many")]
    public async Task RowsPerRequestOutOfRangeIs400NamingIt(string rowsPerRequest)
    {
        using var response = await _api.Http.PostAsync("/jobs", JobUploads.Csv(LeadFiles.Csv(2), "leads.csv", ("rowsPerRequest", rowsPerRequest)));
        using var estimate = await _api.Http.PostAsync($"/jobs/estimate?rowsPerRequest={rowsPerRequest}", JobUploads.Csv(LeadFiles.Csv(2)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, estimate.StatusCode);
        Assert.Contains("'rowsPerRequest' must be a whole number from 1 to 50", (await ReadJsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(0, _api.Emulator.TotalRequests);
    }

    [Fact]
    public async Task RowsSharingRequestsComeBackInOrderWithTheirOwnLines()
    {
        using var response = await _api.Http.PostAsync("/jobs", JobUploads.Csv(Leads(10), "leads.csv", ("rowsPerRequest", "5")));
        var id = (await ReadJsonAsync(response)).GetProperty("id").GetString()!;

        var job = await WaitForCompletedAsync(id);

        Assert.Equal(5, job.GetProperty("rowsPerRequest").GetInt32());
        using var result = await _api.Http.GetAsync($"/jobs/{id}/result");
        var output = await CsvOutput.ParseAsync(await result.Content.ReadAsStreamAsync());
        output.AssertAllOk();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(EmulatedLines.For($"Lead{i}", output.Cell(i, "company")), output.Cell(i, "personalized_line"));
        }

        // One silo: ten rows fill two requests, unless a slow start left a row or two to go alone.
        var requests = job.GetProperty("usage").GetProperty("llmRequests").GetInt64();
        Assert.Equal(_api.Emulator.Llm.TotalRequests, requests);
        Assert.InRange(requests, 2, 4);
        Assert.Equal(10, _api.Emulator.Llm.BatchedRows + (_api.Emulator.Llm.TotalRequests - _api.Emulator.Llm.BatchedRequests));
    }

    [Fact]
    public async Task BatchModeAtAProviderWithoutABatchApiIs400BeforeAnySearch()
    {
        _api.Emulator.Batches.Disabled = true;

        using var response = await _api.Http.PostAsync("/jobs", JobUploads.Csv(Leads(3), "leads.csv", ("mode", "batch")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ReadJsonAsync(response);
        Assert.Equal("Batch mode is not available", problem.GetProperty("title").GetString());
        Assert.Contains("mode=batch", problem.GetProperty("detail").GetString());
        Assert.Equal(0, _api.Emulator.Search.TotalRequests);
        Assert.Equal(0, _api.Emulator.Batches.FilesUploaded);
    }

    [Fact]
    public async Task AnUnknownModeIs400NamingBothModes()
    {
        using var response = await _api.Http.PostAsync("/jobs", JobUploads.Csv(Leads(3), "leads.csv", ("mode", "later")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await ReadJsonAsync(response)).GetProperty("detail").GetString();
        Assert.Contains("'mode' must be 'online'", detail);
        Assert.Contains("'batch'", detail);
        Assert.Equal(0, _api.Emulator.TotalRequests);
    }

    [Fact]
    public async Task ABatchJobShowsItsProviderBatchAndCostsHalfThePrice()
    {
        using var response = await _api.Http.PostAsync("/jobs", JobUploads.Csv(Leads(4), "leads.csv", ("mode", "batch")));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await ReadJsonAsync(response)).GetProperty("id").GetString()!;

        var job = await WaitForCompletedAsync(id);

        Assert.Equal("batch", job.GetProperty("mode").GetString());
        var batch = Assert.Single(job.GetProperty("providerBatch").GetProperty("batches").EnumerateArray());
        Assert.Equal("completed", batch.GetProperty("status").GetString());
        Assert.Equal(4, batch.GetProperty("total").GetInt32());
        var usage = job.GetProperty("usage");
        Assert.Equal(4, usage.GetProperty("batchRequests").GetInt64());
        var prompt = usage.GetProperty("batchPromptTokens").GetInt64();
        var completion = usage.GetProperty("batchCompletionTokens").GetInt64();
        Assert.Equal(usage.GetProperty("promptTokens").GetInt64(), prompt);
        // Half of llama-3.1-8b-instant's list prices, 0.05 / 0.08 $ per million tokens.
        var expected = Math.Round(((prompt * 0.05m) + (completion * 0.08m)) / 1_000_000m * 0.5m, 6, MidpointRounding.AwayFromZero);
        Assert.Equal(expected, job.GetProperty("cost").GetProperty("llm").GetDecimal());
        Assert.Equal(0, _api.Emulator.Llm.TotalRequests);
    }

    [Fact]
    public async Task AWholeJobIsNoPreviewAndShowsItsUsageAndCostAtTheListPrices()
    {
        using var response = await _api.Http.PostAsync("/jobs", JobUploads.Csv(Leads(4)));
        var id = (await ReadJsonAsync(response)).GetProperty("id").GetString()!;

        var job = await WaitForCompletedAsync(id);

        Assert.False(job.GetProperty("preview").GetBoolean());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("rowLimit").ValueKind);
        var usage = job.GetProperty("usage");
        foreach (var field in new[] { "promptTokens", "completionTokens", "totalTokens", "searchCalls", "cachedSearches", "llmRequests", "rateLimitedAnswers" })
        {
            Assert.Equal(JsonValueKind.Number, usage.GetProperty(field).ValueKind);
        }

        // The default model, llama-3.1-8b-instant, at its documented list prices: 0.05 / 0.08 $ per million tokens, 1 $ per thousand searches.
        var prompt = usage.GetProperty("promptTokens").GetInt64();
        var completion = usage.GetProperty("completionTokens").GetInt64();
        var searches = usage.GetProperty("searchCalls").GetInt64();
        Assert.True(prompt > 0 && searches > 0);
        var cost = job.GetProperty("cost");
        Assert.Equal(Math.Round(((prompt * 0.05m) + (completion * 0.08m)) / 1_000_000m, 6), cost.GetProperty("llm").GetDecimal());
        Assert.Equal(searches / 1000m, cost.GetProperty("search").GetDecimal());
        Assert.Equal(JsonValueKind.Null, job.GetProperty("costNote").ValueKind);
    }

    [Fact]
    public async Task AJobWithAnUnpricedModelShowsNoCostAndTheSettingToAdd()
    {
        using var response = await _api.Http.PostAsync("/jobs", JobUploads.Csv(Leads(1), "leads.csv", ("model", "house-model")));

        var created = await ReadJsonAsync(response);

        Assert.Equal(JsonValueKind.Null, created.GetProperty("cost").ValueKind);
        Assert.Contains("Pricing__Models__house-model__InputPerMillion", created.GetProperty("costNote").GetString());
        await WaitForCompletedAsync(created.GetProperty("id").GetString()!);
    }

    private string Leads(int rows) => LeadFiles.Csv(rows, i => $"{_prefix}Co{i}");

    private async Task<JsonElement> WaitForCompletedAsync(string id) =>
        await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await _api.Http.GetAsync($"/jobs/{id}");
                return await ReadJsonAsync(response);
            },
            job => job.GetProperty("status").GetString() == "completed",
            Deadline,
            $"job {id} to complete");

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"HTTP {(int)response.StatusCode} with an empty body");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
