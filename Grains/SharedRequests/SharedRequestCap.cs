using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.SharedRequests;

/// <summary>
/// The most tokens one shared request may count (prompt plus <c>max_tokens</c>): within the model's context window and,
/// when the plan limits tokens per minute, within a quarter of that minute. The cluster-wide limiter holds back one
/// request's worth of tokens as burst, so a request as big as the whole minute would stall pacing; a quarter leaves
/// most of the limit to steady flow while still sharing the instructions among several rows.
/// </summary>
public static class SharedRequestCap
{
    public static long Tokens(LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        long cap = options.ContextTokens;
        return options.TokensPerMinute > 0 ? Math.Min(cap, options.TokensPerMinute / 4) : cap;
    }
}
