using System.Net;
using System.Text.Json;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Api;

/// <summary>
/// An upload whose client stalls (it died, or its network did): the job's watchdog fails it after Jobs__UploadTimeout,
/// deletes the rows it received, and the upload, should it ever go on, is told so.
/// </summary>
[Collection(StalledUploadApiCollection.Name)]
public sealed class StalledUploadApiTests(StalledUploadApiFixture api)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly JobsApiCalls _jobs = new(api.Http, Deadline);

    [Fact]
    public async Task A_stalled_upload_fails_its_job_with_the_reason_and_keeps_none_of_its_rows()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var fileName = $"stalled-{tag}.csv";
        using var upload = new StalledUpload(LeadFiles.Csv(1250, i => $"Stall{tag}Co{i}"), rowsBeforeStall: 1200, fileName);
        using var streaming = api.CreateStreamingClient();
        var posting = streaming.PostAsync("/jobs", upload);
        await upload.HeadSent.WaitAsync(Deadline);
        var id = (await Eventually.ReturnsAsync(
            async () => (await _jobs.ListAllAsync()).FirstOrDefault(job => job.GetProperty("fileName").GetString() == fileName),
            job => job.ValueKind != JsonValueKind.Undefined, Deadline, $"{fileName} to be listed")).GetProperty("id").GetString()!;

        // The client sends nothing more: the watchdog fails the job on its own.
        await _jobs.WaitForStatusAsync(id, "failed");
        // The job writes its failure first, then deletes the rows it received and the count that named them.
        var failed = await Eventually.ReturnsAsync(() => _jobs.GetJobAsync(id), job => job.GetProperty("totalRows").GetInt64() == 0, Deadline,
            "the received rows to be deleted");
        Assert.Equal("failed", JobsApiCalls.Status(failed));

        Assert.False(posting.IsCompleted, "the upload answered although its client never sent the rest of the file");
        var error = failed.GetProperty("error").GetString();
        Assert.Contains("The upload was interrupted", error);
        Assert.Contains("after 1000 rows", error);
        Assert.Contains("Jobs__UploadTimeout", error);
        Assert.Equal(0, failed.GetProperty("processedRows").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, failed.GetProperty("finishedAt").ValueKind);

        // The client comes back to life: its upload is refused with the reason, never a 5xx.
        upload.Release();
        using var answer = await posting.WaitAsync(Deadline);
        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Contains($"Job {id} failed during its upload (it stalled)", (await JobsApiCalls.ReadJsonAsync(answer)).GetProperty("detail").GetString());
        Assert.Equal("failed", JobsApiCalls.Status(await _jobs.GetJobAsync(id)));
        Assert.Equal(0, api.Emulator.Llm.Requests.Count(request => request.Body.Contains(tag, StringComparison.Ordinal)));
    }
}
