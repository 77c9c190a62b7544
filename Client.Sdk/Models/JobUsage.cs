namespace PersonalizedLine.Client.Sdk.Models;

/// <summary>
/// What a job has spent at its providers so far; the <c>Batch…</c> figures are the part sent through the provider's
/// Batch API.
/// </summary>
public sealed record JobUsage(
    long PromptTokens,
    long CompletionTokens,
    long TotalTokens,
    long SearchCalls,
    long CachedSearches,
    long LlmRequests,
    long RateLimitedAnswers,
    long BatchRequests,
    long BatchPromptTokens,
    long BatchCompletionTokens);
