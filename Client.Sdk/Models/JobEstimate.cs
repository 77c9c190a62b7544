namespace PersonalizedLine.Client.Sdk.Models;

/// <summary>
/// What a file would cost before anything is spent: rows, searches, LLM requests, tokens, time at the server's
/// configured limits (null when none is configured) and money (null when the model has no price); also the
/// file's columns with the placeholders that reach them, the templates the job would use, and the warnings a job
/// on the file would show (how it was read where it was not strict UTF-8 CSV).
/// </summary>
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
    IReadOnlyList<string> Notes,
    int RowsPerRequest,
    JobMode Mode,
    IReadOnlyList<FileColumn> Columns,
    string PromptTemplate,
    string ResearchQueryTemplate,
    IReadOnlyList<string> Warnings);
