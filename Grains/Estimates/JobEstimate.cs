using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Pricing;

namespace PersonalizedLine.Grains.Estimates;

/// <summary>What a file will cost before anything is spent: work, provider calls, tokens, time and money.</summary>
/// <param name="Model">The LLM model the job would use.</param>
/// <param name="RowLimit">Set when the estimate is for a preview of the first rows only.</param>
/// <param name="Rows">Data rows the job would take.</param>
/// <param name="InvalidRows">Rows that fail before any provider call (extra fields, an empty required cell).</param>
/// <param name="DistinctResearchQueries">Research queries after normalization (case and spacing ignored): one search each at most.</param>
/// <param name="CachedResearchQueries">Of those, how many the research cache holds fresh now (no search to pay for).</param>
/// <param name="CachedResearchQueriesExtrapolated">True when only the first distinct queries were checked and the rest extrapolated.</param>
/// <param name="SearchesToMake">Distinct queries not cached: the web searches the job would make.</param>
/// <param name="LlmRequests">Chat completion requests: one per valid row, or one per <see cref="RowsPerRequest"/> rows sharing a request.</param>
/// <param name="PromptTokens">Estimated prompt tokens of all requests (≈ 4 characters a token, from a sample of real prompts).</param>
/// <param name="PromptTokensSampleRows">How many rows' real prompts were measured for <paramref name="PromptTokens"/>.</param>
/// <param name="CompletionTokensMax">Completion tokens at most: <c>Llm__MaxTokens</c> per request.</param>
/// <param name="CompletionTokensTypical">Completion tokens for typical one-sentence lines.</param>
/// <param name="ExpectedDurationSeconds">Time the configured provider limits need; null when no limit is configured.</param>
/// <param name="BindingLimit">The limit that sets the duration, e.g. <c>Llm__TokensPerMinute</c>.</param>
/// <param name="Cost">Money at the configured prices, completions counted at their maximum; null when the model has no price.</param>
/// <param name="Notes">How the figures were reached and what they leave out, in words.</param>
public sealed record JobEstimate(
    string Model,
    long? RowLimit,
    long Rows,
    long InvalidRows,
    long DistinctResearchQueries,
    long CachedResearchQueries,
    bool CachedResearchQueriesExtrapolated,
    long SearchesToMake,
    long LlmRequests,
    long PromptTokens,
    int PromptTokensSampleRows,
    long CompletionTokensMax,
    long CompletionTokensTypical,
    double? ExpectedDurationSeconds,
    string? BindingLimit,
    JobCost? Cost,
    IReadOnlyList<string> Notes)
{
    /// <summary>Rows that share one chat completion, after the token cap (1: each row alone).</summary>
    public int RowsPerRequest { get; init; } = 1;

    /// <summary>Online, or through the provider's Batch API (the cost then has its discount).</summary>
    public JobMode Mode { get; init; } = JobMode.Online;

    /// <summary>The file's columns, each with the placeholder that names it in the templates.</summary>
    public IReadOnlyList<FileColumn> Columns { get; init; } = [];

    /// <summary>The prompt template the job would use (the default when none was sent).</summary>
    public string PromptTemplate { get; init; } = string.Empty;

    /// <summary>The research query template the job would use (the default when none was sent).</summary>
    public string ResearchQueryTemplate { get; init; } = string.Empty;

    /// <summary>How the file was read where it was not strict UTF-8 CSV (encoding, bare quotes, unnamed columns, the sheet), as a job would show them.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
