using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>A job's progress as the API shows it.</summary>
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
    string? Error,
    IReadOnlyDictionary<string, long> RowsBySilo,
    string ResultUrl)
{
    public static JobProgressResponse From(JobProgress progress) => new(
        progress.JobId,
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
        progress.Error,
        progress.RowsBySilo,
        $"/jobs/{progress.JobId}/result");
}
