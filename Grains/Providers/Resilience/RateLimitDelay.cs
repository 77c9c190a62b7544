namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// How long to wait after an HTTP 429, read from what the provider said, most explicit hint first.
/// </summary>
public static class RateLimitDelay
{
    public const string ResetRequestsHeader = "x-ratelimit-reset-requests";
    public const string ResetTokensHeader = "x-ratelimit-reset-tokens";

    /// <summary>
    /// <c>Retry-After</c> (seconds or HTTP date) if present; else the longer of Groq's reset headers (both limits
    /// must have room again); else null, meaning the provider gave no hint.
    /// </summary>
    public static TimeSpan? FromHeaders(HttpResponseMessage response, TimeProvider timeProvider)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return Clamp(delta);
        }

        if (retryAfter?.Date is { } date)
        {
            return Clamp(date - timeProvider.GetUtcNow());
        }

        TimeSpan? longest = null;
        foreach (var name in (ReadOnlySpan<string>)[ResetRequestsHeader, ResetTokensHeader])
        {
            if (Reset(response, name) is { } reset && (longest is null || reset > longest))
            {
                longest = reset;
            }
        }

        return longest is null ? null : Clamp(longest.Value);
    }

    /// <summary>One of Groq's reset headers (a Go duration such as <c>7.66s</c>), or null when absent or unreadable.</summary>
    public static TimeSpan? Reset(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values) && GoDuration.TryParse(values.FirstOrDefault(), out var reset) ? reset : null;

    // A date in the past or a zero hint still means "not now": never hammer a throttling provider.
    private static TimeSpan Clamp(TimeSpan value) => value < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : value;
}
