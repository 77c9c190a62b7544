namespace PersonalizedLine.Client.Sdk.Models;

/// <summary>A job as the list shows it: status and counts; <see cref="Url"/> has the rest.</summary>
public sealed record JobSummary(
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
    string Url);
