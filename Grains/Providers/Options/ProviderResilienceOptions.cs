namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Resilience knobs shared by both providers. Rate limiting (HTTP 429) is budgeted separately from
/// failures because a busy provider is not a broken one: a burst of 429s must not exhaust the retries
/// meant for 5xx and timeouts.
/// </summary>
public abstract class ProviderResilienceOptions
{
    /// <summary>How long one HTTP attempt may take before it is abandoned and retried.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Upper bound for one call, including every retry and every rate-limit wait.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Retries after 5xx, 408, timeouts, connection errors and malformed bodies.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>How many HTTP 429 answers one call may wait out before it fails.</summary>
    public int MaxRateLimitWaits { get; set; } = 20;

    /// <summary>Wait after a 429 that says nothing about when to come back (Serper never does).</summary>
    public TimeSpan RateLimitFallbackDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The provider plan's request limit per minute, held by the whole cluster together (every silo, every job).
    /// 0 means not configured: the cluster then learns the limit from the provider's 429 answers.
    /// </summary>
    public int RequestsPerMinute { get; set; }

    /// <summary>First backoff delay for failure retries; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
}
