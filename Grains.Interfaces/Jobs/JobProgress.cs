using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Interfaces.Limits;

namespace PersonalizedLine.Grains.Interfaces.Jobs;

/// <summary>
/// A snapshot of a job's progress, as the API shows it. <see cref="RowLimit"/> is set for a preview (see <see cref="JobSpec.RowLimit"/>).
/// <see cref="Warnings"/> say how the file was read where it was not strict UTF-8 CSV (encoding, bare quotes, unnamed columns, sheet).
/// </summary>
[GenerateSerializer, Immutable, Alias("job-progress")]
public sealed record class JobProgress(
    [property: Id(0)] string JobId,
    [property: Id(1)] JobStatus Status,
    [property: Id(2)] string FileName,
    [property: Id(3)] long TotalRows,
    [property: Id(4)] long ProcessedRows,
    [property: Id(5)] long SucceededRows,
    [property: Id(6)] long FailedRows,
    [property: Id(7)] double RowsPerSecond,
    [property: Id(8)] TimeSpan? EstimatedTimeRemaining,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset? StartedAt,
    [property: Id(11)] DateTimeOffset? FinishedAt,
    [property: Id(12)] UsageTotals Usage,
    [property: Id(13)] string Model,
    [property: Id(14)] string? Error,
    [property: Id(15)] IReadOnlyDictionary<string, long> RowsBySilo,
    [property: Id(16)] long? RowLimit = null,
    [property: Id(17)] IReadOnlyList<ProviderLimitStatus>? ProviderLimits = null,
    [property: Id(18)] int RowsPerRequest = 1,
    [property: Id(19)] JobMode Mode = JobMode.Online,
    [property: Id(20)] long RowsAwaitingBatch = 0,
    [property: Id(21)] ProviderBatchProgress? ProviderBatch = null,
    [property: Id(30)] string? PauseReason = null,
    [property: Id(31)] int Retries = 0,
    [property: Id(32)] IReadOnlyList<string>? Warnings = null);
