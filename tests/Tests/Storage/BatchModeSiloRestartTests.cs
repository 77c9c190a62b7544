using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;
using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Storage;

/// <summary>
/// Three TestingHost silos on real PostgreSQL storage and reminders: the silo that holds a job's provider batch is
/// stopped while the provider works on it, and the job still completes from the persisted batch id, with one upload
/// and one batch.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BatchModeSiloRestartTests(PostgresServer server)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task The_silo_holding_the_provider_batch_stops_and_the_job_completes_from_its_persisted_batch()
    {
        const int rows = 60;
        await using var emulator = await ProviderEmulator.ProviderEmulator.StartAsync();
        emulator.Batches.ProcessingTime = TimeSpan.FromSeconds(10);
        await using var cluster = await StartAsync(emulator);
        var submitter = new JobSubmitter(cluster.Client, Options.Create(new UploadOptions()), Options.Create(new LlmOptions()));
        var submitted = await submitter.SubmitAsync(
            LeadFiles.Stream(LeadFiles.Csv(rows)), new JobRequest("leads.csv", RowsPerRequest: 5, Mode: JobMode.Batch), null, CancellationToken.None);
        var job = cluster.Client.GetGrain<IJobGrain>(submitted.JobId);
        await Eventually.ReturnsAsync(() => job.GetProgress(), p => p?.ProviderBatch?.Batches is [{ Status: "in_progress" }], Deadline,
            "the provider batch to be in progress");

        var batchGrain = cluster.Client.GetGrain<IProviderBatchGrain>(submitted.JobId);
        Assert.True(cluster.TryGetGrainContext(((GrainReference)batchGrain).GrainId, out var context), "the provider batch grain is not active");
        var holder = cluster.Silos.Single(silo => silo.SiloAddress.Equals(context!.Address.SiloAddress));
        await cluster.StopSiloAsync(holder);
        await cluster.StartAdditionalSiloAsync();

        var progress = await Eventually.ReturnsAsync(() => job.GetProgress(), p => p?.Status == JobStatus.Completed, Deadline, "the job to complete");
        Assert.Equal(rows, progress!.SucceededRows);
        Assert.Equal(1, emulator.Batches.FilesUploaded);
        Assert.Equal(1, emulator.Batches.BatchesCreated);
        Assert.Equal(0, emulator.Llm.TotalRequests);
        Assert.Equal(rows / 5, progress.Usage.BatchRequests);
    }

    private Task<InProcessTestCluster> StartAsync(ProviderEmulator.ProviderEmulator emulator) =>
        PostgresJobClusters.StartAsync(server, emulator, PostgresClusters.NewServiceId("batch"), silos: 3, overrides: new Dictionary<string, string?>
        {
            ["Llm:BatchPollInterval"] = "00:00:00.500",
            ["Processing:ResumeInterval"] = "00:00:02",
            ["Processing:PendingRowRetryInterval"] = "00:00:02",
        }, maxConcurrentRowsPerSilo: 50);
}
