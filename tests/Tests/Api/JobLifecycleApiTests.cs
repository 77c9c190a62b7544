using System.Net;
using System.Text.Json;
using PersonalizedLine.ProviderEmulator;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Api;

/// <summary>
/// A job's life through the HTTP API: pause and resume, retry of failed rows, delete, cancel during the upload, and the
/// 409s that say why a change is not possible in the job's status. Each test runs leads of its own (a tag in the company
/// names), so the emulator's counts and the research cache are its own too.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class JobLifecycleApiTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly ApiFixture _api;
    private readonly JobsApiCalls _jobs;

    public JobLifecycleApiTests(ApiFixture api)
    {
        _api = api;
        _jobs = new JobsApiCalls(api.Http, Deadline);
        api.Emulator.Reset();
        api.Emulator.Search.Latency = TimeSpan.FromMilliseconds(5);
        api.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(10);
    }

    public void Dispose() => _api.Emulator.Reset();

    [Fact]
    public async Task A_paused_job_starts_no_row_until_resumed_and_then_completes_and_only_the_right_status_can_pause_or_resume()
    {
        const int rows = 200;
        var tag = Tag();
        // 50 rows at a time, 2.5 s each: the job would run for 10 s, long enough to be paused half-way on a busy machine.
        _api.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(2500);
        var id = await _jobs.SubmitAsync(LeadFiles.Csv(rows, i => $"Pause{tag}Co{i}"));

        var resumeRunning = await _jobs.PostAsync($"/jobs/{id}/resume");
        Assert.Equal(HttpStatusCode.Conflict, resumeRunning.Code);
        Assert.Contains("only a paused job can be resumed", resumeRunning.Body.GetProperty("detail").GetString());
        Assert.Equal("running", resumeRunning.Body.GetProperty("status").GetString());

        var pause = await _jobs.PostAsync($"/jobs/{id}/pause");
        Assert.Equal(HttpStatusCode.OK, pause.Code);
        Assert.Equal("paused", JobsApiCalls.Status(pause.Body));
        Assert.Contains("Paused on request", pause.Body.GetProperty("pauseReason").GetString());

        // Rows in flight finish; then no row starts while the job is paused.
        await Eventually.TrueAsync(() => _api.Emulator.Llm.InFlight == 0, Deadline, "the rows in flight to finish");
        var askedWhilePaused = LlmRequestsFor(tag);
        var paused = await _jobs.GetJobAsync(id);
        Assert.Equal("paused", JobsApiCalls.Status(paused));
        Assert.Contains("Paused on request", paused.GetProperty("pauseReason").GetString());
        Assert.True(askedWhilePaused < rows, $"{askedWhilePaused} of {rows} rows were asked although the job was paused");
        Assert.True(paused.GetProperty("processedRows").GetInt64() < rows);

        _api.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(10);
        var resume = await _jobs.PostAsync($"/jobs/{id}/resume");
        Assert.Equal(HttpStatusCode.OK, resume.Code);
        Assert.Equal("running", JobsApiCalls.Status(resume.Body));
        Assert.Equal(JsonValueKind.Null, resume.Body.GetProperty("pauseReason").ValueKind);

        var done = await _jobs.WaitForStatusAsync(id, "completed");
        Assert.Equal(rows, done.GetProperty("succeededRows").GetInt64());
        Assert.Equal(rows, LlmRequestsFor(tag)); // every row asked once, across the pause
        EmulatedLines.AssertEveryRowHasItsOwnLine(await _jobs.GetResultAsync(id), rows);

        var pauseCompleted = await _jobs.PostAsync($"/jobs/{id}/pause");
        Assert.Equal(HttpStatusCode.Conflict, pauseCompleted.Code);
        Assert.Equal("Not possible in the job's status", pauseCompleted.Body.GetProperty("title").GetString());
        Assert.Contains($"Job {id} is completed; only a running job can be paused", pauseCompleted.Body.GetProperty("detail").GetString());
        Assert.Equal("completed", pauseCompleted.Body.GetProperty("status").GetString());
        Assert.Equal("completed", JobsApiCalls.Status(await _jobs.GetJobAsync(id)));
    }

    [Fact]
    public async Task Retry_of_transient_failures_runs_the_failed_rows_again_and_the_result_shows_their_new_lines()
    {
        const int rows = 40;
        var tag = Tag();
        var flaky = $"Flaky{tag}";
        _api.Emulator.Llm.FaultWhen(body => body.Contains(flaky, StringComparison.Ordinal) ? Fault.Status(500) : null);
        var id = await _jobs.SubmitAsync(LeadFiles.Csv(rows, i => i % 10 == 3 ? $"{flaky}Co{i}" : $"Retry{tag}Co{i}"));

        var first = await _jobs.WaitForStatusAsync(id, "completed");
        Assert.Equal(rows - 4, first.GetProperty("succeededRows").GetInt64());
        Assert.Equal(4, first.GetProperty("failedRows").GetInt64());
        var before = await _jobs.GetResultAsync(id);
        foreach (var row in new[] { 3, 13, 23, 33 })
        {
            Assert.Equal("failed", before.Cell(row, "personalization_status"));
            Assert.Equal("", before.Cell(row, "personalized_line"));
        }

        var bogus = await _jobs.PostAsync($"/jobs/{id}/retry?reason=bogus");
        Assert.Equal(HttpStatusCode.BadRequest, bogus.Code);
        Assert.Contains("'bogus'", bogus.Body.GetProperty("detail").GetString());
        Assert.Contains("transient", bogus.Body.GetProperty("detail").GetString());
        Assert.Equal("completed", JobsApiCalls.Status(await _jobs.GetJobAsync(id)));

        _api.Emulator.Llm.FaultWhen(null);
        var okRequests = LlmRequestsFor($"Retry{tag}");
        var retry = await _jobs.PostAsync($"/jobs/{id}/retry?reason=transient");
        Assert.Equal(HttpStatusCode.OK, retry.Code);
        Assert.Equal("running", JobsApiCalls.Status(retry.Body));
        Assert.Equal(1, retry.Body.GetProperty("retries").GetInt32());

        var second = await _jobs.WaitForStatusAsync(id, "completed");
        Assert.Equal(rows, second.GetProperty("succeededRows").GetInt64());
        Assert.Equal(0, second.GetProperty("failedRows").GetInt64());
        Assert.Equal(okRequests, LlmRequestsFor($"Retry{tag}")); // rows that were ok were not asked again
        EmulatedLines.AssertEveryRowHasItsOwnLine(await _jobs.GetResultAsync(id), rows);

        var nothingFailed = await _jobs.PostAsync($"/jobs/{id}/retry?reason=transient");
        Assert.Equal(HttpStatusCode.Conflict, nothingFailed.Code);
        Assert.Contains("no failed rows to retry", nothingFailed.Body.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_deleted_job_is_404_everywhere_and_gone_from_the_list()
    {
        var tag = Tag();
        var id = await _jobs.SubmitAsync(LeadFiles.Csv(3, i => $"Delete{tag}Co{i}"), $"delete-{tag}.csv");
        await _jobs.WaitForStatusAsync(id, "completed");
        var listed = await _jobs.ListAllAsync();
        Assert.Contains(listed, job => job.GetProperty("id").GetString() == id);

        using (var delete = await _api.Http.DeleteAsync($"/jobs/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
            Assert.Equal("", await delete.Content.ReadAsStringAsync());
        }

        using (var get = await _api.Http.GetAsync($"/jobs/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
            Assert.Contains(id, (await JobsApiCalls.ReadJsonAsync(get)).GetProperty("detail").GetString());
        }

        using (var result = await _api.Http.GetAsync($"/jobs/{id}/result"))
        {
            Assert.Equal(HttpStatusCode.NotFound, result.StatusCode);
        }

        using (var again = await _api.Http.DeleteAsync($"/jobs/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
            Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        }

        var after = await _jobs.ListAllAsync();
        Assert.DoesNotContain(after, job => job.GetProperty("id").GetString() == id);
        Assert.Equal(listed.Count - 1, after.Count);
    }

    [Fact]
    public async Task A_job_cancelled_during_its_upload_answers_the_upload_409_and_keeps_none_of_its_rows()
    {
        var tag = Tag();
        var fileName = $"cancel-{tag}.csv";
        // The first 1200 rows arrive (the submitter stores 1000 of them, in batches of 500), then the client stalls.
        using var upload = new StalledUpload(LeadFiles.Csv(1250, i => $"Cancel{tag}Co{i}"), rowsBeforeStall: 1200, fileName);
        using var streaming = _api.CreateStreamingClient();
        var posting = streaming.PostAsync("/jobs", upload);
        await upload.HeadSent.WaitAsync(Deadline);

        var listed = await Eventually.ReturnsAsync(async () => (await _jobs.ListAllAsync()).FirstOrDefault(job => job.GetProperty("fileName").GetString() == fileName),
            job => job.ValueKind != JsonValueKind.Undefined, Deadline, $"{fileName} to be listed");
        Assert.Equal("queued", JobsApiCalls.Status(listed));
        var id = listed.GetProperty("id").GetString()!;
        await Eventually.ReturnsAsync(() => _jobs.GetJobAsync(id), job => job.GetProperty("totalRows").GetInt64() == 1000, Deadline,
            "the first 1000 rows to be stored");

        var cancel = await _jobs.PostAsync($"/jobs/{id}/cancel");
        Assert.Equal(HttpStatusCode.OK, cancel.Code);
        Assert.Equal("cancelled", JobsApiCalls.Status(cancel.Body));
        Assert.False(posting.IsCompleted, "the upload answered before the rest of its file was sent");

        upload.Release();
        using var answer = await posting.WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        var problem = await JobsApiCalls.ReadJsonAsync(answer);
        Assert.Equal("The job was cancelled during its upload", problem.GetProperty("title").GetString());
        Assert.Contains($"Job {id} was cancelled during its upload; nothing of it was kept", problem.GetProperty("detail").GetString());

        var job = await _jobs.GetJobAsync(id);
        Assert.Equal("cancelled", JobsApiCalls.Status(job));
        Assert.Equal(0, job.GetProperty("totalRows").GetInt64());
        Assert.Contains("the 1000 rows received were deleted", job.GetProperty("error").GetString());
        Assert.Equal(0, LlmRequestsFor(tag) + _api.Emulator.Search.Requests.Count(request => request.Body.Contains(tag, StringComparison.Ordinal)));
    }

    private long LlmRequestsFor(string marker) =>
        _api.Emulator.Llm.Requests.Count(request => request.Body.Contains(marker, StringComparison.Ordinal));

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];
}
