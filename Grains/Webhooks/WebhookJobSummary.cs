namespace PersonalizedLine.Grains.Webhooks;

/// <summary>A job as a webhook delivery describes it; the URLs are paths on the API that accepted the job.</summary>
public sealed record WebhookJobSummary(
    string JobId,
    string FileName,
    string Status,
    long TotalRows,
    long ProcessedRows,
    long SucceededRows,
    long FailedRows,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    string StatusUrl,
    string ResultUrl);
