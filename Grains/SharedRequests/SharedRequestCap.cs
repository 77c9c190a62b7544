using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.SharedRequests;

/// <summary>
/// The most tokens one shared request may count (prompt plus <c>max_tokens</c>): within the model's context window and,
/// when the plan limits tokens per minute (configured, or else as the provider announces it), within a quarter of that
/// minute. The cluster-wide limiter holds back one
/// request's worth of tokens as burst, so a request as big as the whole minute would stall pacing; a quarter leaves
/// most of the limit to steady flow while still sharing the instructions among several rows.
/// </summary>
public static class SharedRequestCap
{
    /// <param name="options">The configured limits and context window.</param>
    /// <param name="advertisedTokensPerMinute">The limit the provider announced, used when none is configured.</param>
    public static long Tokens(LlmOptions options, long? advertisedTokensPerMinute = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        long cap = options.ContextTokens;
        var perMinute = options.TokensPerMinute > 0 ? options.TokensPerMinute : advertisedTokensPerMinute ?? 0;
        return perMinute > 0 ? Math.Min(cap, perMinute / 4) : cap;
    }
}
