namespace PersonalizedLine.Client.Sdk.Models;

/// <summary>
/// A job as <c>GET /jobs/{id}</c> shows it: status, counts, rate, ETA, usage and cost. A preview runs only the first
/// <see cref="RowLimit"/> rows. <see cref="Cost"/> is null, with <see cref="CostNote"/> saying why, when the model has
/// no price. A paused job says why in <see cref="PauseReason"/>. <see cref="Warnings"/> say how the file was read where it
/// was not strict UTF-8 CSV (its encoding, bare quotes read as text, unnamed columns, the sheet).
/// </summary>
public sealed record JobProgress(
    string Id,
    JobStatus Status,
    string FileName,
    long TotalRows,
    long ProcessedRows,
    long SucceededRows,
    long FailedRows,
    double PercentComplete,
    double RowsPerSecond,
    double? EtaSeconds,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string Model,
    JobUsage Usage,
    JobCost? Cost,
    string? CostNote,
    bool Preview,
    long? RowLimit,
    int RowsPerRequest,
    string Mode,
    long RowsAwaitingBatch,
    ProviderBatchProgress? ProviderBatch,
    string? Error,
    string? PauseReason,
    int Retries,
    IReadOnlyDictionary<string, long> RowsBySilo,
    IReadOnlyList<ProviderLimit> ProviderLimits,
    string ResultUrl,
    WebhookStatus? Webhook,
    IReadOnlyList<string> Warnings)
{
    /// <summary>True once the job will change no more by itself (completed, failed or cancelled).</summary>
    public bool IsFinished() => Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;
}
