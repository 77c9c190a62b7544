using System.Diagnostics;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// One logical provider call (all its HTTP attempts): what it costs against the rate limit, and what happened, so a
/// final failure can say "after 5 attempts" truthfully and the time budget can leave out waits for a permit.
/// Travels on the request's Options; <see cref="Limits.ProviderPermitHandler"/> and <see cref="AttemptTrackingHandler"/> fill it.
/// </summary>
public sealed class ProviderCallTracker
{
    /// <summary>Key of the request option; also the Refit <c>[Property]</c> name on the API interfaces.</summary>
    public const string OptionKey = "PersonalizedLine.ProviderCallTracker";

    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private long _permitWaitTicks;
    private int _attempts;
    private int _rateLimited;
    private int _timedOut;

    /// <summary>The LLM model the request is for (limits are per model); null for searches.</summary>
    public string? Model { get; init; }

    /// <summary>What the request weighs against a tokens-per-minute limit; <see cref="Limits.PromptSize.None"/> for searches.</summary>
    public Limits.PromptSize Size { get; init; }

    /// <summary>
    /// False for a call that could take effect twice if sent again after a 5xx or a timeout (starting a batch bills the
    /// whole batch): the failure retry leaves it alone, and its caller looks for the result before calling again. A 429
    /// is still waited out, since a rate-limited request was not processed.
    /// </summary>
    public bool RetriesFailures { get; init; } = true;

    /// <summary>
    /// True when the answer is a file streamed to the caller (a batch's output) rather than a small JSON object: the
    /// pipeline must not buffer it to check that it is JSON.
    /// </summary>
    public bool StreamsAnswer { get; init; }

    /// <summary>HTTP attempts sent.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Attempts answered with HTTP 429.</summary>
    public int RateLimited => Volatile.Read(ref _rateLimited);

    /// <summary>Attempts cut by the attempt timeout.</summary>
    public int TimedOut => Volatile.Read(ref _timedOut);

    /// <summary>Attempts that were not rate limited (the ones that count against MaxRetries).</summary>
    public int FailureBudgetAttempts => Attempts - RateLimited;

    /// <summary>True once the call's total time on the provider is used up: nothing retries after that.</summary>
    public bool TotalTimeoutReached { get; internal set; }

    /// <summary>Time since the call started, less the time spent waiting for rate-limit permits.</summary>
    public TimeSpan ProviderTime =>
        Stopwatch.GetElapsedTime(_startedAt) - TimeSpan.FromTicks(Interlocked.Read(ref _permitWaitTicks));

    internal void AttemptStarted() => Interlocked.Increment(ref _attempts);

    internal void RateLimitAnswered() => Interlocked.Increment(ref _rateLimited);

    internal void AttemptTimedOut() => Interlocked.Increment(ref _timedOut);

    internal void WaitedForPermit(TimeSpan waited) => Interlocked.Add(ref _permitWaitTicks, waited.Ticks);
}
