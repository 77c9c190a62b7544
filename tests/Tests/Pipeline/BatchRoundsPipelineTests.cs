using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.ProviderEmulator.BatchApi;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Pipeline;

/// <summary><c>Llm__BatchRetry=Batch</c>: what a batch leaves goes into a second batch; what that one leaves fails with the provider's reason.</summary>
[Collection(OneSiloRetryingInBatchesCollection.Name)]
public sealed class BatchRoundsPipelineTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly OneSiloRetryingInBatches _cluster;

    public BatchRoundsPipelineTests(OneSiloRetryingInBatches cluster)
    {
        _cluster = cluster;
        cluster.Emulator.Reset();
    }

    [Fact]
    public async Task Requests_a_batch_failed_go_into_a_second_batch_not_online()
    {
        // Rows 4, 9 and 14 fail in the first batch only; row 19 fails in every batch.
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        _cluster.Emulator.Batches.FailRequestsWhen(customId =>
        {
            var row = customId[(customId.LastIndexOf('/') + 1)..];
            return row == "19" || (row is "4" or "9" or "14" && seen.AddOrUpdate(row, 1, (_, n) => n + 1) == 1);
        });

        var (progress, output) = await _cluster.RunAsync(LeadFiles.Csv(20), Deadline, new JobRequest("leads.csv", Mode: JobMode.Batch));

        // Round one: 16 answered, 4 failed; round two: 4 requests, row 19's fails again.
        Assert.Equal(2, _cluster.Emulator.Batches.BatchesCreated);
        Assert.Equal(0, _cluster.Emulator.Llm.TotalRequests);
        Assert.Equal(19, progress.SucceededRows);
        Assert.Equal(1, progress.FailedRows);
        Assert.Equal(2, progress.ProviderBatch!.Round);
        var failed = Enumerable.Range(0, 20).Single(i => output.Cell(i, "personalization_status") == "failed");
        Assert.Equal(19, failed);
        Assert.Contains("The provider batch wrote no line for this row", output.Cell(failed, "personalization_error"));
        Assert.Contains("server_error", output.Cell(failed, "personalization_error"));
    }

    [Fact]
    public async Task A_large_job_is_split_into_several_batch_files_of_whole_chunks()
    {
        // The fixture's chunks hold 10 rows; at most 25 requests a file (Llm__MaxRequestsPerBatch) makes files of two chunks.
        _cluster.Emulator.Batches.ResetCounters();
        var (progress, output) = await _cluster.RunAsync(LeadFiles.Csv(50), Deadline, new JobRequest("leads.csv", Mode: JobMode.Batch));

        output.AssertAllOk();
        Assert.Equal(3, _cluster.Emulator.Batches.FilesUploaded);
        Assert.Equal(3, _cluster.Emulator.Batches.BatchesCreated);
        Assert.Equal([20, 20, 10], progress.ProviderBatch!.Batches.Select(b => b.Total));
        Assert.Equal(50, progress.Usage.BatchRequests);
    }
}
