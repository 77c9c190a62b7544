using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>A job as the list shows it: status and counts; GET <see cref="Url"/> has the rest (rate, ETA, usage, cost).</summary>
public sealed record JobSummaryResponse(
    string Id,
    JobStatus Status,
    string FileName,
    long TotalRows,
    long ProcessedRows,
    long SucceededRows,
    long FailedRows,
    double PercentComplete,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    string Url)
{
    public static JobSummaryResponse From(JobProgress progress) => new(
        JobKeys.PublicId(progress.JobId),
        progress.Status,
        progress.FileName,
        progress.TotalRows,
        progress.ProcessedRows,
        progress.SucceededRows,
        progress.FailedRows,
        progress.TotalRows == 0 ? 100 : Math.Round(100.0 * progress.ProcessedRows / progress.TotalRows, 1),
        progress.CreatedAt,
        progress.StartedAt,
        progress.FinishedAt,
        progress.Error,
        $"/jobs/{JobKeys.PublicId(progress.JobId)}");
}
