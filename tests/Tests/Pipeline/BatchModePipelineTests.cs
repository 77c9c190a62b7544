using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.ProviderEmulator.BatchApi;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Pipeline;

/// <summary>
/// Batch mode on three silos against the emulator's Files and Batches API: research online, one upload, one provider
/// batch, every line back on its own row; requests the batch failed or left unanswered asked online.
/// </summary>
[Collection(ThreeSilosInBatchModeCollection.Name)]
public sealed class BatchModePipelineTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly ThreeSilosInBatchMode _cluster;

    public BatchModePipelineTests(ThreeSilosInBatchMode cluster)
    {
        _cluster = cluster;
        cluster.Emulator.Reset();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public async Task A_batch_job_writes_every_line_through_one_provider_batch(int rowsPerRequest)
    {
        const int rows = 60;

        var (progress, output) = await RunAsync(rows, rowsPerRequest);

        EmulatedLines.AssertEveryRowHasItsOwnLine(output, rows);
        Assert.Equal(JobStatus.Completed, progress.Status);
        Assert.Equal(JobMode.Batch, progress.Mode);
        var batches = _cluster.Emulator.Batches;
        Assert.Equal(1, batches.FilesUploaded);
        Assert.Equal(1, batches.BatchesCreated);
        Assert.Equal(rows / rowsPerRequest, batches.RequestsProcessed);
        Assert.Equal(0, _cluster.Emulator.Llm.TotalRequests);
        Assert.Equal(rows, _cluster.Emulator.Search.TotalRequests);
        Assert.Equal(rows / rowsPerRequest, progress.Usage.LlmRequests);
        Assert.Equal(rows / rowsPerRequest, progress.Usage.BatchRequests);
        Assert.Equal(progress.Usage.PromptTokens, progress.Usage.BatchPromptTokens);
        Assert.True(progress.Usage.BatchPromptTokens > 0);
        var batch = Assert.Single(progress.ProviderBatch!.Batches);
        Assert.Equal("completed", batch.Status);
        Assert.True(batch.Delivered);
        Assert.Equal("finished", progress.ProviderBatch.Phase);
    }

    [Fact]
    public async Task Requests_an_expired_batch_left_undone_are_asked_online()
    {
        _cluster.Emulator.Batches.EnqueueOutcomes(BatchOutcome.Expired(completedRequests: 25));

        var (progress, output) = await RunAsync(rows: 40, rowsPerRequest: 1);

        EmulatedLines.AssertEveryRowHasItsOwnLine(output, 40);
        Assert.Equal(40, progress.SucceededRows);
        Assert.Equal(15, _cluster.Emulator.Llm.TotalRequests);
        Assert.Equal(25, progress.Usage.BatchRequests);
        Assert.Equal(40, progress.Usage.LlmRequests);
        Assert.Equal("expired", Assert.Single(progress.ProviderBatch!.Batches).Status);
    }

    [Fact]
    public async Task Requests_the_batch_failed_are_asked_online_and_a_failed_batch_fails_over_whole()
    {
        _cluster.Emulator.Batches.FailEveryNthRequest = 4;

        var (progress, output) = await RunAsync(rows: 40, rowsPerRequest: 1);

        EmulatedLines.AssertEveryRowHasItsOwnLine(output, 40);
        Assert.Equal(10, _cluster.Emulator.Llm.TotalRequests);
        Assert.Equal(30, progress.Usage.BatchRequests);

        _cluster.Emulator.Reset();
        _cluster.Emulator.Batches.EnqueueOutcomes(BatchOutcome.Failed("The input file is not valid JSONL."));
        (progress, output) = await RunAsync(rows: 20, rowsPerRequest: 1);

        EmulatedLines.AssertEveryRowHasItsOwnLine(output, 20);
        Assert.Equal(20, _cluster.Emulator.Llm.TotalRequests);
        Assert.Equal("failed", Assert.Single(progress.ProviderBatch!.Batches).Status);
    }

    [Fact]
    public async Task A_misaligned_shared_answer_in_a_batch_sends_only_the_rows_it_touched_online()
    {
        var spoiled = 0;
        _cluster.Emulator.Batches.RequestFaultWhen((_, body) =>
            body.Contains("json_object", StringComparison.Ordinal) && Interlocked.Exchange(ref spoiled, 1) == 0
                ? ProviderEmulator.Fault.BatchSwappedIds()
                : null);

        var (progress, output) = await RunAsync(rows: 30, rowsPerRequest: 10);

        EmulatedLines.AssertEveryRowHasItsOwnLine(output, 30);
        Assert.Equal(30, progress.SucceededRows);

        // Exactly the two rows whose lines were swapped are asked online. Provider calls are at least once: on a loaded
        // machine a row whose report outlives the 3 s response timeout of this cluster may be asked again; never another row.
        var askedOnline = _cluster.Emulator.Llm.Requests.Select(r => LeadOf(r.Text)).Distinct().Order().ToArray();
        Assert.Equal(["Lead0", "Lead1"], askedOnline);
        Assert.InRange(_cluster.Emulator.Llm.TotalRequests, 2, 4);
    }

    [Fact]
    public async Task Cancelling_a_batch_job_cancels_its_provider_batch()
    {
        _cluster.Emulator.Batches.ProcessingTime = TimeSpan.FromHours(1);
        var submitted = await _cluster.Submitter.SubmitAsync(
            LeadFiles.Stream(LeadFiles.Csv(20)), new JobRequest("leads.csv", Mode: JobMode.Batch), null, CancellationToken.None);
        var job = _cluster.Client.GetGrain<IJobGrain>(submitted.JobId);
        await Eventually.ReturnsAsync(() => job.GetProgress(), p => p?.ProviderBatch?.Batches is [{ Status: "in_progress" }], Deadline,
            "the provider batch to be in progress");

        var cancelled = await job.Cancel();

        Assert.Equal(JobStatus.Cancelled, cancelled!.Status);
        await Eventually.TrueAsync(() => _cluster.Emulator.Batches.BatchesCancelled == 1, Deadline, "the provider batch to be cancelled");
        var output = await _cluster.DownloadAsync(submitted.JobId);
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal("failed", output.Cell(i, "personalization_status")));
        Assert.Equal(0, _cluster.Emulator.Llm.TotalRequests);
    }

    private async Task<(JobProgress Progress, CsvOutput Output)> RunAsync(int rows, int rowsPerRequest)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        return await _cluster.RunAsync(
            LeadFiles.Csv(rows, i => $"Batch{tag}Co{i}"), Deadline,
            new JobRequest("leads.csv", RowsPerRequest: rowsPerRequest, Mode: JobMode.Batch));
    }

    /// <summary>The lead a single-row prompt is about ("… to Lead7 at …").</summary>
    private static string LeadOf(string prompt)
    {
        var start = prompt.IndexOf(" to Lead", StringComparison.Ordinal) + 4;
        return prompt[start..prompt.IndexOf(' ', start)];
    }
}
