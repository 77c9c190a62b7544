using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>
/// What a job has spent at its providers so far: LLM requests and tokens, web searches made and searches served from
/// the research cache instead, and rate-limit (HTTP 429) answers received on the way. Of the LLM requests and tokens,
/// <c>batch…</c> counts those sent through the provider's Batch API (billed at its discount).
/// </summary>
public sealed record UsageResponse(
    long PromptTokens,
    long CompletionTokens,
    long TotalTokens,
    long SearchCalls,
    long CachedSearches,
    long LlmRequests,
    long RateLimitedAnswers,
    long BatchRequests,
    long BatchPromptTokens,
    long BatchCompletionTokens)
{
    public static UsageResponse From(UsageTotals usage) => new(
        usage.PromptTokens, usage.CompletionTokens, usage.TotalTokens, usage.SearchCalls,
        usage.CachedSearches, usage.LlmRequests, usage.RateLimitedAnswers,
        usage.BatchRequests, usage.BatchPromptTokens, usage.BatchCompletionTokens);
}
