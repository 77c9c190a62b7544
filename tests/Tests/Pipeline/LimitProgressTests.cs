using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Pipeline;

/// <summary>Progress says which provider limit rows are waiting on, and the ETA follows that limit.</summary>
[Collection(OneSiloBehindALowLlmLimitCollection.Name)]
public sealed class LimitProgressTests(OneSiloBehindALowLlmLimit cluster)
{
    private const int Rows = 80;

    [Fact]
    public async Task ProgressShowsRowsWaitingOnTheLlmLimitAndAnEtaFromThatLimit()
    {
        cluster.Emulator.Reset();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var started = await cluster.Submitter.SubmitAsync(
            LeadFiles.Stream(LeadFiles.Csv(Rows, i => $"Waiting{tag}Co{i}")), new JobRequest("leads.csv"), null, CancellationToken.None);
        var job = cluster.Client.GetGrain<IJobGrain>(started.JobId);

        var waiting = await Eventually.ReturnsAsync(
            () => job.GetProgress(),
            p => p is { Status: JobStatus.Running, ProviderLimits: { } limits } && limits.Any(l => l.Key.StartsWith("llm ", StringComparison.Ordinal) && l.WaitingRequests > 0),
            TimeSpan.FromSeconds(30),
            "rows to queue behind the LLM limit");

        var llm = waiting!.ProviderLimits!.Single(l => l.Key.StartsWith("llm ", StringComparison.Ordinal));
        var search = waiting.ProviderLimits!.Single(l => l.Key.StartsWith("search ", StringComparison.Ordinal));
        Assert.True(llm.Limited);
        Assert.False(search.Limited);
        Assert.Contains("model llama-3.1-8b-instant", llm.Key, StringComparison.Ordinal);
        Assert.DoesNotContain("test-llm-key", llm.Key, StringComparison.Ordinal);
        Assert.InRange(llm.RequestsPerSecond * 60, 0.9 * OneSiloBehindALowLlmLimit.LlmRequestsPerMinute, OneSiloBehindALowLlmLimit.LlmRequestsPerMinute);

        // The ETA is the rows left at the limit's pace, not at the pace of a hundred rows in flight.
        var left = waiting.TotalRows - waiting.ProcessedRows;
        var atTheLimit = left / llm.RequestsPerSecond;
        Assert.NotNull(waiting.EstimatedTimeRemaining);
        Assert.InRange(waiting.EstimatedTimeRemaining!.Value.TotalSeconds, atTheLimit * 0.9, atTheLimit * 1.1);

        var finished = await cluster.WaitUntilFinishedAsync(started.JobId, TimeSpan.FromMinutes(2));
        Assert.Equal(Rows, finished.SucceededRows);
        Assert.Null(finished.ProviderLimits);
    }
}
