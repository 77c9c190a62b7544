using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>
/// What a job has cost so far: LLM requests and tokens, billable web searches, searches the research cache saved
/// (served from it, or shared with another row's search), and HTTP 429 answers received from the providers.
/// </summary>
public sealed record UsageResponse(
    long PromptTokens,
    long CompletionTokens,
    long TotalTokens,
    long SearchCalls,
    long CachedSearches,
    long LlmRequests,
    long RateLimitedAnswers)
{
    public static UsageResponse From(UsageTotals usage) => new(
        usage.PromptTokens,
        usage.CompletionTokens,
        usage.TotalTokens,
        usage.SearchCalls,
        usage.CachedSearches,
        usage.LlmRequests,
        usage.RateLimitedAnswers);
}
