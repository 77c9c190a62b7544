namespace PersonalizedLine.Grains.Interfaces.Jobs;

/// <summary>
/// What a job spent at its providers, so its cost is visible: LLM requests and tokens, web searches made and
/// searches served from the research cache instead, and HTTP 429 answers received on the way. Of the LLM requests and
/// tokens, those sent through the provider's Batch API are also counted apart: they are billed at a discount.
/// </summary>
[GenerateSerializer, Immutable, Alias("usage-totals")]
public sealed record class UsageTotals(
    [property: Id(0)] long PromptTokens,
    [property: Id(1)] long CompletionTokens,
    [property: Id(2)] long SearchCalls,
    [property: Id(3)] long CachedSearches = 0,
    [property: Id(4)] long LlmRequests = 0,
    [property: Id(5)] long RateLimitedAnswers = 0,
    [property: Id(6)] long BatchRequests = 0,
    [property: Id(7)] long BatchPromptTokens = 0,
    [property: Id(8)] long BatchCompletionTokens = 0)
{
    /// <summary>
    /// Nothing used: a new instance each time. States hold usage in place, and a storage provider that reads a state into
    /// the existing object graph would otherwise write into one instance shared by every grain of the process.
    /// </summary>
    public static UsageTotals None => new(0, 0, 0);

    public long TotalTokens => PromptTokens + CompletionTokens;

    public UsageTotals Add(UsageTotals other) => new(
        PromptTokens + other.PromptTokens,
        CompletionTokens + other.CompletionTokens,
        SearchCalls + other.SearchCalls,
        CachedSearches + other.CachedSearches,
        LlmRequests + other.LlmRequests,
        RateLimitedAnswers + other.RateLimitedAnswers,
        BatchRequests + other.BatchRequests,
        BatchPromptTokens + other.BatchPromptTokens,
        BatchCompletionTokens + other.BatchCompletionTokens);

    public UsageTotals Subtract(UsageTotals other) => new(
        PromptTokens - other.PromptTokens,
        CompletionTokens - other.CompletionTokens,
        SearchCalls - other.SearchCalls,
        CachedSearches - other.CachedSearches,
        LlmRequests - other.LlmRequests,
        RateLimitedAnswers - other.RateLimitedAnswers,
        BatchRequests - other.BatchRequests,
        BatchPromptTokens - other.BatchPromptTokens,
        BatchCompletionTokens - other.BatchCompletionTokens);
}
