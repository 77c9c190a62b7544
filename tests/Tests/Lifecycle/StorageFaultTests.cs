using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Tests.Support;
using PersonalizedLine.Tests.Support.StorageFaults;

namespace PersonalizedLine.Tests.Lifecycle;

/// <summary>
/// Grain storage that fails for a while, or fails single writes, never loses a row, never counts one twice and never
/// leaves a job running with all its rows done: chunks keep unwritten results until a write succeeds, report only what
/// is written, and the job's reminder reconciles what a failed report left behind.
/// </summary>
[Collection(FaultyStorageCollection.Name)]
public sealed class StorageFaultTests(FaultyStorageCluster cluster) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    public void Dispose()
    {
        cluster.StorageFaults.Clear();
        cluster.Emulator.Llm.Latency = TimeSpan.Zero;
    }

    [Fact]
    public async Task Every_write_failing_for_a_while_mid_job_costs_no_row_and_the_job_completes()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        cluster.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(300);
        var job = await SubmitAsync(LeadFiles.Csv(600, i => $"Outage{tag}Co{i}"));
        await Eventually.ReturnsAsync(() => job.GetProgress(), p => p!.ProcessedRows >= 40, Deadline, "the first rows to be written");

        var failedBefore = cluster.StorageFaults.WritesFailed;
        var askedBefore = LlmRequestsFor(tag);
        using (cluster.StorageFaults.FailWrites())
        {
            // The outage lasts until 40 writes were refused (chunks try again every tick) and rows were answered by the
            // provider meanwhile: their results wait in memory. No new chunk starts: the job writes its window first.
            await Eventually.TrueAsync(
                () => cluster.StorageFaults.WritesFailed >= failedBefore + 40 && LlmRequestsFor(tag) > askedBefore,
                Deadline,
                "writes to be refused while rows are answered");
        }

        var done = await cluster.WaitUntilFinishedAsync(job.GetPrimaryKeyString(), Deadline);

        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal(600, done.SucceededRows);
        Assert.Equal(0, done.FailedRows);
        EmulatedLines.AssertEveryRowHasItsOwnLine(await cluster.DownloadAsync(job.GetPrimaryKeyString()), 600);
    }

    [Fact]
    public async Task Single_failed_writes_of_chunks_and_of_the_job_are_repaired_and_the_counts_stay_exact()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var job = await SubmitAsync(LeadFiles.Csv(200, i => $"Blip{tag}Co{i}"));
        var jobId = job.GetPrimaryKeyString();
        bool ThisJob(StorageCall call) => call.GrainId.ToString().Contains(jobId, StringComparison.Ordinal);
        foreach (var n in new[] { 2, 5, 9, 14 })
        {
            cluster.StorageFaults.FailNth(StorageOperation.Write, n, call => ThisJob(call) && call.StateName == "results");
            cluster.StorageFaults.FailNth(StorageOperation.Write, n, call => ThisJob(call) && call.StateName == "job");
        }

        var done = await cluster.WaitUntilFinishedAsync(jobId, Deadline);

        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal(200, done.SucceededRows);
        Assert.Equal(0, done.FailedRows);
        Assert.Equal(200, done.ProcessedRows);
        Assert.True(cluster.StorageFaults.WritesFailed >= 8, $"only {cluster.StorageFaults.WritesFailed} writes were refused");
        EmulatedLines.AssertEveryRowHasItsOwnLine(await cluster.DownloadAsync(jobId), 200);
    }

    [Fact]
    public async Task Research_cache_reads_that_fail_are_asked_again_and_no_row_fails()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var failedBefore = cluster.StorageFaults.Failed(StorageOperation.Read);
        foreach (var n in new[] { 1, 2, 3, 5, 8, 13, 21 })
        {
            cluster.StorageFaults.FailNth(StorageOperation.Read, n, call => call.StateName == "research");
        }

        var job = await SubmitAsync(LeadFiles.Csv(60, i => $"Unread{tag}Co{i}"));
        var done = await cluster.WaitUntilFinishedAsync(job.GetPrimaryKeyString(), Deadline);

        Assert.Equal(JobStatus.Completed, done.Status);
        Assert.Equal(60, done.SucceededRows);
        Assert.Equal(0, done.FailedRows);
        Assert.True(cluster.StorageFaults.Failed(StorageOperation.Read) >= failedBefore + 7,
            $"only {cluster.StorageFaults.Failed(StorageOperation.Read) - failedBefore} research reads were refused");
        EmulatedLines.AssertEveryRowHasItsOwnLine(await cluster.DownloadAsync(job.GetPrimaryKeyString()), 60);
    }

    private async Task<IJobGrain> SubmitAsync(string csv)
    {
        var progress = await cluster.Submitter.SubmitAsync(LeadFiles.Stream(csv), new JobRequest("leads.csv"), null, CancellationToken.None);
        return cluster.Client.GetGrain<IJobGrain>(progress.JobId);
    }

    private long LlmRequestsFor(string marker) =>
        cluster.Emulator.Llm.Requests.Count(request => request.Body.Contains(marker, StringComparison.Ordinal));
}
