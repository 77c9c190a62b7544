namespace PersonalizedLine.Grains.Limits;

/// <summary>
/// What a request will weigh against a tokens-per-minute limit, kept as sizes rather than tokens so the cost is worked
/// out when the permit is granted, with what <see cref="TokenCostEstimator"/> has learned by then: a request queued
/// for minutes behind a limit must not be charged at the cautious ratio the silo started with.
/// </summary>
/// <param name="PromptChars">Characters of all prompt messages.</param>
/// <param name="MaxTokens">The request's <c>max_tokens</c>, admitted in full by providers.</param>
public readonly record struct PromptSize(int PromptChars, int MaxTokens)
{
    /// <summary>A request that counts no tokens (a search).</summary>
    public static PromptSize None => default;

    public bool CountsTokens => PromptChars > 0 || MaxTokens > 0;
}
