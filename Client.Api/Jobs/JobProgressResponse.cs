using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Webhooks;
using PersonalizedLine.Grains.Pricing;

namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>
/// A job's progress as the API shows it. <see cref="Preview"/> jobs run only the first <see cref="RowLimit"/> rows.
/// <see cref="Cost"/> is the usage so far at the configured prices, or null with <see cref="CostNote"/> naming the
/// setting to add when the job's model has no price. <see cref="ProviderLimits"/> (while it runs) shows the limits its
/// providers are held to and the requests waiting for them; the ETA then follows those limits. A batch-mode job shows
/// its rows researched and waiting for the provider batch, and the provider batches themselves (status and counts). A paused
/// job says why in <see cref="PauseReason"/>; <see cref="Retries"/> counts the retries of its failed rows.
/// <see cref="Webhook"/> lists the job's webhook deliveries and their attempts (null when it has none). <see cref="Warnings"/>
/// say how the file was read where it was not strict UTF-8 CSV: its encoding, bare quotes read as text, unnamed columns, the sheet.
/// </summary>
public sealed record JobProgressResponse(
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
    UsageResponse Usage,
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
    IReadOnlyList<ProviderLimitResponse> ProviderLimits,
    string ResultUrl,
    IReadOnlyList<string> Warnings,
    WebhookStatus? Webhook = null)
{
    public static JobProgressResponse From(JobProgress progress, CostCalculator costs, WebhookStatus? webhook = null) =>
        From(progress, costs.ForUsage(progress.Model, progress.Usage), webhook);

    private static JobProgressResponse From(JobProgress progress, CostQuote cost, WebhookStatus? webhook) => new(
        JobKeys.PublicId(progress.JobId),
        progress.Status,
        progress.FileName,
        progress.TotalRows,
        progress.ProcessedRows,
        progress.SucceededRows,
        progress.FailedRows,
        progress.TotalRows == 0 ? 100 : Math.Round(100.0 * progress.ProcessedRows / progress.TotalRows, 1),
        progress.RowsPerSecond,
        progress.EstimatedTimeRemaining is { } eta ? Math.Round(eta.TotalSeconds, 1) : null,
        progress.CreatedAt,
        progress.StartedAt,
        progress.FinishedAt,
        progress.Model,
        UsageResponse.From(progress.Usage),
        cost.Cost,
        cost.Note,
        progress.RowLimit is not null,
        progress.RowLimit,
        progress.RowsPerRequest,
        progress.Mode == JobMode.Batch ? "batch" : "online",
        progress.RowsAwaitingBatch,
        progress.ProviderBatch,
        progress.Error,
        progress.PauseReason,
        progress.Retries,
        progress.RowsBySilo,
        progress.ProviderLimits?.Select(ProviderLimitResponse.From).ToList() ?? [],
        $"/jobs/{JobKeys.PublicId(progress.JobId)}/result",
        progress.Warnings ?? [],
        webhook);
}
