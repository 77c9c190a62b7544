using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Tests.Support;
using PersonalizedLine.ProviderEmulator;

namespace PersonalizedLine.Tests.Lifecycle;

/// <summary>Pause and resume, retry of failed rows, delete: counted at the emulator and read back from the output.</summary>
[Collection(LifecycleCollection.Name)]
public sealed class JobControlTests(LifecycleCluster cluster) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    public void Dispose()
    {
        cluster.Emulator.Llm.AccountFault = null;
        cluster.Emulator.Llm.FaultWhen(null);
        cluster.Emulator.Llm.Latency = TimeSpan.Zero;
    }

    [Fact]
    public async Task A_paused_job_goes_on_where_it_stopped_and_every_row_is_asked_once()
    {
        var tag = Tag();
        cluster.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(200);
        var job = await SubmitAsync(LeadFiles.Csv(120, i => $"Pause{tag}Co{i}"));
        await Eventually.ReturnsAsync(() => job.GetProgress(), p => p!.ProcessedRows >= 10, Deadline, "the first rows to finish");

        var paused = await job.Pause("Paused on request.");

        Assert.Equal(JobStatus.Paused, paused!.Status);
        Assert.Equal("Paused on request.", paused.PauseReason);
        var pauseAgain = await job.Pause("again");
        Assert.Equal("Paused on request.", pauseAgain!.PauseReason);
        await Assert.ThrowsAsync<JobConflictException>(() => job.Retry(RetryScope.AllFailed));

        // Rows in flight finish; then nothing starts: the emulator's count stops below the file.
        await Eventually.TrueAsync(() => cluster.Emulator.Llm.InFlight == 0, Deadline, "the rows in flight to finish");
        var askedWhilePaused = LlmRequestsFor(tag);
        var stillPaused = await job.GetProgress();
        Assert.Equal(JobStatus.Paused, stillPaused!.Status);
        Assert.True(askedWhilePaused < 120, $"{askedWhilePaused} rows were asked while the job was paused");

        var resumed = await job.Resume();

        Assert.Equal(JobStatus.Running, resumed!.Status);
        Assert.Null(resumed.PauseReason);
        var done = await cluster.WaitUntilFinishedAsync(job.GetPrimaryKeyString(), Deadline);
        Assert.Equal(120, done.SucceededRows);
        Assert.Equal(120, LlmRequestsFor(tag));
        EmulatedLines.AssertEveryRowHasItsOwnLine(await cluster.DownloadAsync(job.GetPrimaryKeyString()), 120);
    }

    [Fact]
    public async Task Retry_runs_only_the_failed_rows_and_the_output_shows_the_new_outcome()
    {
        var tag = Tag();
        var flaky = $"Flaky{tag}";
        cluster.Emulator.Llm.FaultWhen(body => body.Contains(flaky, StringComparison.Ordinal) ? Fault.Status(500) : null);
        var job = await SubmitAsync(LeadFiles.Csv(40, i => i % 10 == 3 ? $"{flaky}Co{i}" : $"Retry{tag}Co{i}"));
        var first = await cluster.WaitUntilFinishedAsync(job.GetPrimaryKeyString(), Deadline);
        Assert.Equal(36, first.SucceededRows);
        Assert.Equal(4, first.FailedRows);
        var okRequests = LlmRequestsFor($"Retry{tag}");

        cluster.Emulator.Llm.FaultWhen(null);
        var retrying = await job.Retry(RetryScope.Transient);

        Assert.Equal(JobStatus.Running, retrying!.Status);
        Assert.Equal(1, retrying.Retries);
        var second = await cluster.WaitUntilFinishedAsync(job.GetPrimaryKeyString(), Deadline);
        Assert.Equal(JobStatus.Completed, second.Status);
        Assert.Equal(40, second.SucceededRows);
        Assert.Equal(0, second.FailedRows);
        Assert.Equal(okRequests, LlmRequestsFor($"Retry{tag}")); // the rows that were ok were not asked again
        EmulatedLines.AssertEveryRowHasItsOwnLine(await cluster.DownloadAsync(job.GetPrimaryKeyString()), 40);
        var nothingLeft = await Assert.ThrowsAsync<JobConflictException>(() => job.Retry(RetryScope.AllFailed));
        Assert.Contains("no failed rows", nothingLeft.Message);
    }

    [Fact]
    public async Task Retry_of_transient_failures_leaves_rows_that_failed_for_good_alone()
    {
        var tag = Tag();
        var csv = LeadFiles.Csv(20, i => $"Split{tag}Co{i}") + $"Lead20,Surname20,CTO,,\n"; // no company: fails for good
        cluster.Emulator.Llm.FaultWhen(body => body.Contains($"Split{tag}Co7", StringComparison.Ordinal) ? Fault.Status(503) : null);
        var job = await SubmitAsync(csv);
        var first = await cluster.WaitUntilFinishedAsync(job.GetPrimaryKeyString(), Deadline);
        Assert.Equal(2, first.FailedRows);

        cluster.Emulator.Llm.FaultWhen(null);
        await job.Retry(RetryScope.Transient);
        var second = await cluster.WaitUntilFinishedAsync(job.GetPrimaryKeyString(), Deadline);

        Assert.Equal(20, second.SucceededRows);
        Assert.Equal(1, second.FailedRows);
        var output = await cluster.DownloadAsync(job.GetPrimaryKeyString());
        Assert.Equal("ok", output.Cell(7, "personalization_status"));
        Assert.Equal("failed", output.Cell(20, "personalization_status"));
    }

    [Fact]
    public async Task A_revoked_key_pauses_the_job_with_the_reason_instead_of_failing_its_rows_and_resume_finishes_it()
    {
        var tag = Tag();
        cluster.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(100);
        var job = await SubmitAsync(LeadFiles.Csv(80, i => $"Revoke{tag}Co{i}"));
        await Eventually.ReturnsAsync(() => job.GetProgress(), p => p!.ProcessedRows >= 5, Deadline, "the first rows to finish");

        cluster.Emulator.Llm.AccountFault = Fault.InvalidApiKey();
        var paused = await Eventually.ReturnsAsync(() => job.GetProgress(), p => p!.Status == JobStatus.Paused, Deadline,
            "the job to pause itself");

        Assert.Contains("rejected the API key", paused!.PauseReason);
        Assert.Contains("resume", paused.PauseReason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, paused.FailedRows);
        Assert.True(paused.ProcessedRows < 80);

        // The key is fixed; the user resumes (again, should a row still meet the old refusal on its way out).
        cluster.Emulator.Llm.AccountFault = null;
        var done = await Eventually.ReturnsAsync(async () =>
        {
            var progress = await job.GetProgress();
            if (progress!.Status == JobStatus.Paused)
            {
                await job.Resume();
            }

            return progress;
        }, p => p!.Status == JobStatus.Completed, Deadline, "the resumed job to complete");

        Assert.Equal(80, done!.SucceededRows);
        Assert.Equal(0, done.FailedRows);
        EmulatedLines.AssertEveryRowHasItsOwnLine(await cluster.DownloadAsync(job.GetPrimaryKeyString()), 80);
    }

    [Fact]
    public async Task Delete_cancels_a_running_job_and_leaves_nothing_to_read()
    {
        var tag = Tag();
        cluster.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(200);
        var job = await SubmitAsync(LeadFiles.Csv(60, i => $"Delete{tag}Co{i}"));
        var jobId = job.GetPrimaryKeyString();
        await Eventually.ReturnsAsync(() => job.GetProgress(), p => p!.ProcessedRows >= 5, Deadline, "the first rows to finish");

        Assert.True(await job.Delete());

        Assert.Null(await job.GetProgress());
        Assert.Null(await job.GetManifest());
        Assert.False(await job.Delete());
        for (var chunk = 0; chunk < 6; chunk++)
        {
            Assert.Empty((await cluster.Client.GetGrain<IChunkGrain>(ChunkKeys.Chunk(jobId, chunk)).GetOutput()).Rows);
        }
    }

    private async Task<IJobGrain> SubmitAsync(string csv)
    {
        var progress = await cluster.Submitter.SubmitAsync(LeadFiles.Stream(csv), new JobRequest("leads.csv"), null, CancellationToken.None);
        return cluster.Client.GetGrain<IJobGrain>(progress.JobId);
    }

    private long LlmRequestsFor(string marker) =>
        cluster.Emulator.Llm.Requests.Count(request => request.Body.Contains(marker, StringComparison.Ordinal));

    private static string Tag() => Guid.NewGuid().ToString("N")[..6];
}
