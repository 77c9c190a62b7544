namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>What a job has cost so far: LLM tokens and billable web searches.</summary>
public sealed record UsageResponse(long PromptTokens, long CompletionTokens, long TotalTokens, long SearchCalls);
