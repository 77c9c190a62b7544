namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Resilience knobs shared by both providers. Rate limiting (HTTP 429) is budgeted separately from
/// failures because a busy provider is not a broken one: a burst of 429s must not exhaust the retries
/// meant for 5xx and timeouts.
/// </summary>
public abstract class ProviderResilienceOptions
{
    /// <summary>How long one HTTP attempt may take, once it has its rate-limit permit, before it is abandoned.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Upper bound for one call's time on the provider: every attempt and backoff, but not the time spent waiting for
    /// a rate-limit permit (waiting is not failure).
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Retries after 5xx, 408, timeouts, connection errors and malformed bodies.</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>
    /// Of the retries, how many may follow an attempt that timed out. A provider that timed out may have finished
    /// (and billed) the work anyway, so an LLM retries that at most once.
    /// </summary>
    public int MaxTimeoutRetries { get; set; } = 4;

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

    /// <summary>
    /// A 429 whose reset (<c>Retry-After</c>, or Groq's request-quota reset with no request left) is at least this far
    /// away is an exhausted quota, not a rate limit: the call is not retried, its row halts and its job pauses, rather
    /// than every row waiting hours for a permit.
    /// </summary>
    public TimeSpan AccountPauseThreshold { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// After a key was refused or found out of credit, this silo sends nothing more on it for this long: rows waiting
    /// for a permit and rows arriving meanwhile halt at once with the same reason. An exhausted quota holds until its
    /// reset. Kept short, so that a job resumed once the key is fixed finds it usable again.
    /// </summary>
    public TimeSpan AccountFaultHold { get; set; } = TimeSpan.FromMinutes(1);
}
