namespace PersonalizedLine.ProviderEmulator;

/// <summary>
/// A provider-like quota for one endpoint (set it with <see cref="EndpointBehavior.Quota"/>), so tests can measure
/// from outside the product whether the product holds a rate limit. Each credential (API key or bearer token) has
/// its own sliding windows, like providers that limit per key. A request over a limit is answered 429 at arrival
/// and does not count against the window.
/// </summary>
public sealed record QuotaPolicy
{
    private readonly int? _requestsPerWindow;
    private readonly long? _tokensPerWindow;
    private readonly TimeSpan _window = TimeSpan.FromSeconds(60);
    private readonly int _requestsPerDay = 14_400;

    /// <summary>Requests admitted per credential in any <see cref="Window"/>; null is unlimited.</summary>
    public int? RequestsPerWindow
    {
        get => _requestsPerWindow;
        init => _requestsPerWindow = value is < 0 ? throw new ArgumentOutOfRangeException(nameof(value), value, "Must not be negative.") : value;
    }

    /// <summary>
    /// Tokens admitted per credential in any <see cref="Window"/> on the chat endpoint (prompt tokens plus
    /// <c>max_tokens</c>, counted the way Groq admits a request); null is unlimited. The search endpoint ignores it.
    /// </summary>
    public long? TokensPerWindow
    {
        get => _tokensPerWindow;
        init => _tokensPerWindow = value is < 0 ? throw new ArgumentOutOfRangeException(nameof(value), value, "Must not be negative.") : value;
    }

    /// <summary>Length of the sliding window (default 60 s, the "per minute" of RPM and TPM).</summary>
    public TimeSpan Window
    {
        get => _window;
        init => _window = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Must be positive.");
    }

    /// <summary>
    /// Requests per day, only reported in Groq's <c>x-ratelimit-*-requests</c> headers (Groq sends the daily limit
    /// there, not the per-minute one); never enforced. Default 14,400 (Groq's free tier).
    /// </summary>
    public int RequestsPerDay
    {
        get => _requestsPerDay;
        init => _requestsPerDay = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Must be positive.");
    }

    /// <summary>Whether a 429 carries <c>Retry-After</c> (default true); false is like Serper, which sends none.</summary>
    public bool SendRetryAfter { get; init; } = true;
}
