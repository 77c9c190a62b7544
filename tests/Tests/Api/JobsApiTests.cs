using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using PersonalizedLine.Grains.Csv;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class JobsApiTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly ApiFixture _api;

    public JobsApiTests(ApiFixture api)
    {
        _api = api;
        api.Emulator.Reset();
        api.Emulator.Search.Latency = TimeSpan.FromMilliseconds(5);
        api.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(10);
    }

    [Fact]
    public async Task TheSampleFileComesBackWithEveryRowAndCellInOrder()
    {
        var samplePath = RepositoryFiles.PathOf("samples/leads.csv");
        using var response = await _api.Http.PostAsync("/jobs", JobUploads.File(await File.ReadAllBytesAsync(samplePath), "leads.csv"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var created = await ReadJsonAsync(response);
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal($"/jobs/{id}", response.Headers.Location?.OriginalString);

        var job = await WaitForStatusAsync(id, "completed");
        Assert.Equal(40, job.GetProperty("totalRows").GetInt64());
        Assert.Equal(40, job.GetProperty("processedRows").GetInt64());
        Assert.Equal(39, job.GetProperty("succeededRows").GetInt64());
        Assert.Equal(1, job.GetProperty("failedRows").GetInt64());
        Assert.True(job.GetProperty("usage").GetProperty("totalTokens").GetInt64() > 0);

        using var result = await _api.Http.GetAsync($"/jobs/{id}/result");
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        Assert.Equal("text/csv", result.Content.Headers.ContentType?.MediaType);
        var output = await CsvOutput.ParseAsync(await result.Content.ReadAsStreamAsync());
        await using var sample = File.OpenRead(samplePath);
        var input = await CsvOutput.ParseAsync(sample);

        Assert.Equal([.. input.Headers, "personalized_line", "personalization_status", "personalization_error"], output.Headers);
        Assert.Equal(input.Rows.Count, output.Rows.Count);
        for (var i = 0; i < input.Rows.Count; i++)
        {
            Assert.Equal(input.Rows[i], output.Rows[i].Take(input.Headers.Count));
        }

        Assert.Equal("Multi-line note:\nrenewal in Q3", output.Cell(9, "Notes"));
        var peter = output.Rows.ToList().FindIndex(row => row[0] == "Peter");
        Assert.Equal("failed", output.Cell(peter, "personalization_status"));
        Assert.Contains("company", output.Cell(peter, "personalization_error"));
        Assert.Equal("ok", output.Cell(0, "personalization_status"));
        Assert.Contains("Ada", output.Cell(0, "personalized_line"));
    }

    [Fact]
    public async Task PromptResearchQueryAndModelFromTheFormAreUsed()
    {
        // Companies of this test's own: a research query another job already asked would be answered from the cache.
        var tag = Guid.NewGuid().ToString("N");
        var form = JobUploads.Csv(LeadFiles.Csv(2, i => $"Company{i}x{tag}"), "leads.csv",
            ("prompt", "Write about {company} for {first_name} who is a {title}."),
            ("researchQuery", "{company} news"),
            ("model", "custom-model-7b"));

        using var response = await _api.Http.PostAsync("/jobs", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await ReadJsonAsync(response)).GetProperty("id").GetString()!;
        var job = await WaitForStatusAsync(id, "completed");

        Assert.Equal("custom-model-7b", job.GetProperty("model").GetString());
        Assert.Contains(_api.Emulator.Search.Requests, request => request.Body.Contains($"Company1x{tag} news"));
        Assert.Contains(_api.Emulator.Llm.Requests, request =>
            request.Body.Contains("custom-model-7b") && request.Body.Contains($"Write about Company0x{tag} for Lead0 who is a CTO."));
    }

    [Fact]
    public async Task UnknownJobIs404WithAProblemDetails()
    {
        using var response = await _api.Http.GetAsync("/jobs/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("does-not-exist", (await ReadJsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Http.GetAsync("/jobs/does-not-exist/result")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Http.PostAsync("/jobs/does-not-exist/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task ATemplateColumnMissingFromTheFileIs400NamingIt()
    {
        using var response = await _api.Http.PostAsync("/jobs", JobUploads.Csv("name,email\nAda,ada@example.com\n"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await ReadJsonAsync(response)).GetProperty("detail").GetString()!;
        Assert.Contains("{first_name}", detail);
        Assert.Contains("{company}", detail);
        Assert.Contains("name, email", detail);
        Assert.Equal(0, _api.Emulator.Search.TotalRequests + _api.Emulator.Llm.TotalRequests);
    }

    [Fact]
    public async Task AnUnterminatedQuoteIs400NamingTheLine()
    {
        var csv = LeadFiles.Header + "\nAda,Lovelace,CTO,Stripe,stripe.com\nGrace,\"Hopper,VP,Shopify,shopify.com\n";

        using var response = await _api.Http.PostAsync("/jobs", JobUploads.Csv(csv));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ReadJsonAsync(response);
        Assert.Contains("Line 3", problem.GetProperty("detail").GetString());
        Assert.Equal(3, problem.GetProperty("line").GetInt64());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("first_name,company\n", "no data rows")]
    public async Task AFileWithoutRowsIs400(string csv, string expected)
    {
        using var response = await _api.Http.PostAsync("/jobs", JobUploads.Csv(csv));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, (await ReadJsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AZipThatIsNotAReadableWorkbookIs415()
    {
        byte[] xlsx = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00];

        using var response = await _api.Http.PostAsync("/jobs", JobUploads.File(xlsx, "leads.xlsx"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("CSV", (await ReadJsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ABodyThatIsNotMultipartIs415()
    {
        using var response = await _api.Http.PostAsync("/jobs", new StringContent(LeadFiles.Csv(2), Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("multipart/form-data", (await ReadJsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AFormWithoutAFilePartIs400()
    {
        var form = new MultipartFormDataContent { { new StringContent("hello"), "prompt" } };

        using var response = await _api.Http.PostAsync("/jobs", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'file'", (await ReadJsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AFieldAfterTheFileIs400AndStartsNothing()
    {
        var form = new MultipartFormDataContent();
        form.Add(new StringContent(LeadFiles.Csv(3)), "file", "leads.csv");
        form.Add(new StringContent("{company}"), "prompt");

        using var response = await _api.Http.PostAsync("/jobs", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("before 'file'", (await ReadJsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(0, _api.Emulator.Llm.TotalRequests);
    }

    [Fact]
    public async Task AnUploadOverTheSizeLimitIs413()
    {
        var big = new StringBuilder(LeadFiles.Header).Append('\n');
        while (big.Length <= ApiFixture.MaxFileBytes + (2 * 1024 * 1024))
        {
            big.Append("Ada,Lovelace,CTO,Stripe,stripe.com\n");
        }

        using var response = await _api.Http.PostAsync("/jobs", JobUploads.Csv(big.ToString()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Upload__MaxFileBytes", (await ReadJsonAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TheResultOfARunningJobIs409UntilItIsCancelled()
    {
        _api.Emulator.Llm.Latency = TimeSpan.FromSeconds(30);
        using var response = await _api.Http.PostAsync("/jobs", JobUploads.Csv(LeadFiles.Csv(5)));
        var id = (await ReadJsonAsync(response)).GetProperty("id").GetString()!;

        using var early = await _api.Http.GetAsync($"/jobs/{id}/result");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("partial=true", (await ReadJsonAsync(early)).GetProperty("detail").GetString());

        using var partial = await _api.Http.GetAsync($"/jobs/{id}/result?partial=true");
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        var pending = await CsvOutput.ParseAsync(await partial.Content.ReadAsStreamAsync());
        Assert.Equal(5, pending.Rows.Count);

        using var cancel = await _api.Http.PostAsync($"/jobs/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", (await ReadJsonAsync(cancel)).GetProperty("status").GetString());

        using var result = await _api.Http.GetAsync($"/jobs/{id}/result");
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        var output = await CsvOutput.ParseAsync(await result.Content.ReadAsStreamAsync());
        Assert.Equal(5, output.Rows.Count);
        Assert.All(Enumerable.Range(0, 5), i => Assert.Equal("failed", output.Cell(i, "personalization_status")));
        Assert.All(Enumerable.Range(0, 5), i => Assert.Contains("cancelled", output.Cell(i, "personalization_error")));

        // The cancel ends the calls still waiting on the provider: none is left to answer (or be retried) during the
        // tests that run after this one on the same emulator and count its requests.
        await Eventually.TrueAsync(() => _api.Emulator.TotalInFlight == 0, Deadline, "the cancelled rows' provider calls to end");
    }

    [Fact]
    public async Task ProgressReportsCountsRateAndEta()
    {
        _api.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(50);
        // Companies of this test's own: research is cached across jobs, and other tests run the same leads.
        var tag = Guid.NewGuid().ToString("N");
        using var response = await _api.Http.PostAsync("/jobs", JobUploads.Csv(LeadFiles.Csv(30, i => $"Company{i}x{tag}")));
        var id = (await ReadJsonAsync(response)).GetProperty("id").GetString()!;

        var job = await WaitForStatusAsync(id, "completed");

        Assert.Equal(30, job.GetProperty("succeededRows").GetInt64());
        Assert.Equal(100, job.GetProperty("percentComplete").GetDouble());
        Assert.True(job.GetProperty("rowsPerSecond").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, job.GetProperty("etaSeconds").ValueKind);
        var usage = job.GetProperty("usage");
        Assert.Equal(30, usage.GetProperty("searchCalls").GetInt64());
        Assert.Equal(0, usage.GetProperty("cachedSearches").GetInt64());
        Assert.Equal(0, usage.GetProperty("rateLimitedAnswers").GetInt64());
        Assert.True(usage.TryGetProperty("llmRequests", out _));
    }

    [Fact]
    public async Task RefreshResearchFromTheFormOrTheQuerySearchesAgainWhatAnEarlierJobCached()
    {
        var tag = Guid.NewGuid().ToString("N");
        var csv = LeadFiles.Csv(4, i => $"Refresh{i % 2}x{tag}");

        var first = await RunToCompletionAsync(JobUploads.Csv(csv), "/jobs");
        var cached = await RunToCompletionAsync(JobUploads.Csv(csv), "/jobs");
        var refreshed = await RunToCompletionAsync(JobUploads.Csv(csv, "leads.csv", ("refreshResearch", "true")), "/jobs");
        var refreshedByQuery = await RunToCompletionAsync(JobUploads.Csv(csv), "/jobs?refreshResearch=true");

        Assert.Equal((2, 2), SearchUsage(first));
        Assert.Equal((0, 4), SearchUsage(cached));
        Assert.Equal((2, 2), SearchUsage(refreshed));
        Assert.Equal((2, 2), SearchUsage(refreshedByQuery));
    }

    [Fact]
    public async Task ARefreshResearchValueThatIsNotABooleanIs400()
    {
        using var response = await _api.Http.PostAsync("/jobs", JobUploads.Csv(LeadFiles.Csv(1), "leads.csv", ("refreshResearch", "maybe")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("refreshResearch", (await ReadJsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(0, _api.Emulator.TotalRequests);
    }

    private async Task<JsonElement> RunToCompletionAsync(MultipartFormDataContent upload, string path)
    {
        using (upload)
        {
            using var response = await _api.Http.PostAsync(path, upload);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return await WaitForStatusAsync((await ReadJsonAsync(response)).GetProperty("id").GetString()!, "completed");
        }
    }

    private static (long Searches, long Cached) SearchUsage(JsonElement job)
    {
        var usage = job.GetProperty("usage");
        return (usage.GetProperty("searchCalls").GetInt64(), usage.GetProperty("cachedSearches").GetInt64());
    }

    [Theory]
    [InlineData("/openapi/v1.json", "/jobs/{id}/result")]
    [InlineData("/health", "Healthy")]
    [InlineData("/dashboard/", "<html")]
    public async Task ServiceEndpointsAnswer(string path, string expected)
    {
        using var response = await _api.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<JsonElement> WaitForStatusAsync(string id, string status) =>
        await Eventually.ReturnsAsync(
            async () =>
            {
                using var response = await _api.Http.GetAsync($"/jobs/{id}");
                return await ReadJsonAsync(response);
            },
            job => job.GetProperty("status").GetString() == status,
            Deadline,
            $"job {id} to be {status}");

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"HTTP {(int)response.StatusCode} with an empty body");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
