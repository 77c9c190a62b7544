namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Counts what happened during one logical provider call (all its HTTP attempts), so a final failure can say
/// "after 5 attempts" truthfully. Travels on the request's Options; <see cref="AttemptTrackingHandler"/> fills it.
/// </summary>
public sealed class ProviderCallTracker
{
    /// <summary>Key of the request option; also the Refit <c>[Property]</c> name on the API interfaces.</summary>
    public const string OptionKey = "PersonalizedLine.ProviderCallTracker";

    private int _attempts;
    private int _rateLimited;

    /// <summary>HTTP attempts sent.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Attempts answered with HTTP 429.</summary>
    public int RateLimited => Volatile.Read(ref _rateLimited);

    /// <summary>Attempts that were not rate limited (the ones that count against MaxRetries).</summary>
    public int FailureBudgetAttempts => Attempts - RateLimited;

    internal void AttemptStarted() => Interlocked.Increment(ref _attempts);

    internal void RateLimitAnswered() => Interlocked.Increment(ref _rateLimited);
}
