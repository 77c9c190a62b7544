using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Tests.Support;
using PersonalizedLine.Tests.Webhooks;

namespace PersonalizedLine.Tests.Storage;

/// <summary>
/// A deleted job leaves no row in PostgreSQL: not its own state, its chunks' inputs and results, its provider batch,
/// its webhook deliveries, its entry in the job index, nor any reminder. Deleted by a call, by its retention, and in
/// batch mode while the provider is still working on its batch (which is then cancelled at the provider).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class JobDeletionOnPostgresTests(PostgresServer server)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly StorageRows _rows = new(server.ConnectionString);

    [Fact]
    public async Task A_completed_job_deleted_on_two_silos_leaves_no_row_behind()
    {
        const int rows = 30;
        var serviceId = PostgresClusters.NewServiceId("jobdelete");
        await using var emulator = await ProviderEmulator.ProviderEmulator.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var cluster = await PostgresJobClusters.StartAsync(server, emulator, serviceId);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var jobId = await SubmitAsync(cluster.Client, LeadFiles.Csv(rows, i => $"Gone{tag}Co{i}"),
            new JobRequest("leads.csv", WebhookUrl: receiver.Url.ToString()));
        var job = cluster.Client.GetGrain<IJobGrain>(jobId);
        var done = await Eventually.ReturnsAsync(() => job.GetProgress(), p => p?.Status == JobStatus.Completed, Deadline, "the job to complete");
        Assert.Equal(rows, done!.SucceededRows);
        await Eventually.ReturnsAsync(() => Task.FromResult(receiver.Received.Count), count => count >= 1, Deadline, "the webhook delivery");

        var before = await _rows.MentioningAsync(jobId, serviceId);
        Assert.Contains($"OrleansStorage job {jobId}", before);
        Assert.Contains(before, row => row.StartsWith("OrleansStorage job-index ", StringComparison.Ordinal));
        Assert.Contains(before, row => row.StartsWith($"OrleansStorage webhook {jobId}", StringComparison.Ordinal));
        Assert.Equal(rows / 10, before.Count(row => row.StartsWith("OrleansStorage input ", StringComparison.Ordinal)));
        Assert.Equal(rows / 10, before.Count(row => row.StartsWith("OrleansStorage results ", StringComparison.Ordinal)));
        Assert.Contains(before, row => row.StartsWith("OrleansRemindersTable ", StringComparison.Ordinal) && row.EndsWith(" lifecycle", StringComparison.Ordinal));

        Assert.True(await job.Delete());

        Assert.Null(await job.GetProgress());
        Assert.Empty(await _rows.MentioningAsync(jobId, serviceId));
        Assert.False(await job.Delete());
        Assert.Empty(await _rows.MentioningAsync(jobId, serviceId));
    }

    [Fact]
    public async Task A_finished_job_is_deleted_with_every_row_once_its_retention_is_over()
    {
        const int rows = 20;
        var serviceId = PostgresClusters.NewServiceId("retention");
        await using var emulator = await ProviderEmulator.ProviderEmulator.StartAsync();
        // Rows take 2 s each: the job still runs, with its rows written, when the test looks at them.
        emulator.Llm.Latency = TimeSpan.FromSeconds(2);
        await using var cluster = await PostgresJobClusters.StartAsync(server, emulator, serviceId,
            overrides: new Dictionary<string, string?> { ["Jobs:Retention"] = "00:00:03" });
        var tag = Guid.NewGuid().ToString("N")[..8];
        var jobId = await SubmitAsync(cluster.Client, LeadFiles.Csv(rows, i => $"Kept{tag}Co{i}"), new JobRequest("leads.csv"));
        var job = cluster.Client.GetGrain<IJobGrain>(jobId);
        var running = await _rows.MentioningAsync(jobId, serviceId);
        Assert.Contains($"OrleansStorage job {jobId}", running);
        Assert.Equal(rows / 10, running.Count(row => row.StartsWith("OrleansStorage input ", StringComparison.Ordinal)));

        var done = await Eventually.ReturnsAsync(() => job.GetProgress(), p => p?.Status == JobStatus.Completed, Deadline, "the job to complete");
        Assert.Equal(rows, done!.SucceededRows);

        await Eventually.ReturnsAsync(() => job.GetProgress(), p => p is null, Deadline, "the retention to delete the job");
        var left = await Eventually.ReturnsAsync(() => _rows.MentioningAsync(jobId, serviceId), found => found.Count == 0, Deadline,
            "no row to mention the job");
        Assert.Empty(left);
        Assert.True(DateTimeOffset.UtcNow - done.FinishedAt >= TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_batch_mode_job_deleted_while_the_provider_works_on_its_batch_cancels_the_batch_and_leaves_no_row()
    {
        const int rows = 20;
        var serviceId = PostgresClusters.NewServiceId("batchdelete");
        await using var emulator = await ProviderEmulator.ProviderEmulator.StartAsync();
        emulator.Batches.ProcessingTime = TimeSpan.FromHours(1);
        await using var cluster = await PostgresJobClusters.StartAsync(server, emulator, serviceId);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var jobId = await SubmitAsync(cluster.Client, LeadFiles.Csv(rows, i => $"Batch{tag}Co{i}"),
            new JobRequest("leads.csv", RowsPerRequest: 5, Mode: JobMode.Batch));
        var job = cluster.Client.GetGrain<IJobGrain>(jobId);
        await Eventually.ReturnsAsync(() => job.GetProgress(), p => p?.ProviderBatch?.Batches is [{ Status: "in_progress" }], Deadline,
            "the provider batch to be in progress");
        var before = await _rows.MentioningAsync(jobId, serviceId);
        Assert.Contains($"OrleansStorage batch {jobId}", before);
        Assert.Contains(before, row => row.StartsWith("OrleansRemindersTable ", StringComparison.Ordinal) && row.EndsWith(" provider-batch", StringComparison.Ordinal));
        Assert.Equal(1, emulator.Batches.BatchesCreated);
        Assert.Equal(0, emulator.Batches.BatchesCancelled);

        Assert.True(await job.Delete());

        Assert.Equal(1, emulator.Batches.BatchesCancelled);
        Assert.Null(await job.GetProgress());
        Assert.Empty(await _rows.MentioningAsync(jobId, serviceId));
        Assert.Equal(0, emulator.Llm.TotalRequests);
    }

    private static async Task<string> SubmitAsync(IClusterClient client, string csv, JobRequest request)
    {
        var submitter = new JobSubmitter(client, Options.Create(new UploadOptions()), Options.Create(new LlmOptions()));
        var progress = await submitter.SubmitAsync(LeadFiles.Stream(csv), request, null, CancellationToken.None);
        return progress.JobId;
    }
}
