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
            if (response.Headers.TryGetValues(name, out var values)
                && GoDuration.TryParse(values.FirstOrDefault(), out var reset)
                && (longest is null || reset > longest))
            {
                longest = reset;
            }
        }

        return longest is null ? null : Clamp(longest.Value);
    }

    /// <summary>
    /// The wait to use: the provider's hint or the fallback, plus up to 10 % (hint) or 25 % (fallback) random extra
    /// so that hundreds of rows throttled together do not all come back in the same millisecond.
    /// </summary>
    public static TimeSpan Compute(HttpResponseMessage response, TimeSpan fallback, TimeProvider timeProvider, Random random)
    {
        var hinted = FromHeaders(response, timeProvider);
        var baseDelay = hinted ?? fallback;
        var jitterShare = hinted is null ? 0.25 : 0.10;
        return baseDelay + (baseDelay * (random.NextDouble() * jitterShare));
    }

    // A date in the past or a zero hint still means "not now": never hammer a throttling provider.
    private static TimeSpan Clamp(TimeSpan value) => value < TimeSpan.FromMilliseconds(50) ? TimeSpan.FromMilliseconds(50) : value;
}
