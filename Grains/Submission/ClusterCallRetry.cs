using Polly;
using Polly.Retry;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Grains.Submission;

/// <summary>
/// Retries an upload's calls to its job grain while the cluster recovers from a lost silo: a call to a silo that was
/// killed times out or is rejected until membership declares the silo dead and the job is reactivated elsewhere, from
/// what it wrote. Every upload call is idempotent (numbered row batches, a seal that checks the row count), so a call
/// whose answer was lost is simply made again. About two and a half minutes in all; a refusal from the job itself
/// (<see cref="JobConflictException"/>, <see cref="ChunkConflictException"/>) is never retried.
/// </summary>
public static class ClusterCallRetry
{
    public static ResiliencePipeline Pipeline { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = 20,
            BackoffType = DelayBackoffType.Exponential,
            Delay = TimeSpan.FromMilliseconds(250),
            MaxDelay = TimeSpan.FromSeconds(10),
            UseJitter = true,
        })
        .Build();

    /// <summary>The whole time the retries may take, for messages.</summary>
    public static TimeSpan Budget => TimeSpan.FromMinutes(2.5);

    public static bool IsTransient(Exception exception) =>
        exception is not (JobConflictException or ChunkConflictException or OperationCanceledException or ArgumentException);
}
