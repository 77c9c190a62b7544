using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Grains.Interfaces.Webhooks;

/// <summary>What a job's webhook tells its receiver when the job reaches an outcome: the job's summary at that moment.</summary>
/// <param name="Url">Where to POST it: the job's <see cref="JobSpec.WebhookUrl"/>.</param>
/// <param name="JobId">The job.</param>
/// <param name="Status">The outcome: <see cref="JobStatus.Completed"/>, <see cref="JobStatus.Failed"/> or <see cref="JobStatus.Cancelled"/>.</param>
/// <param name="FileName">The uploaded file's name.</param>
/// <param name="TotalRows">Rows in the job.</param>
/// <param name="ProcessedRows">Rows that reached an outcome.</param>
/// <param name="SucceededRows">Rows with a line.</param>
/// <param name="FailedRows">Rows that failed (with a reason in the result).</param>
/// <param name="CreatedAt">When the job was submitted.</param>
/// <param name="FinishedAt">When it reached the outcome.</param>
/// <param name="Error">Why the job failed, if it did.</param>
[GenerateSerializer, Immutable, Alias("job-webhook-event")]
public sealed record class JobWebhookEvent(
    [property: Id(0)] string Url,
    [property: Id(1)] string JobId,
    [property: Id(2)] JobStatus Status,
    [property: Id(3)] string FileName,
    [property: Id(4)] long TotalRows,
    [property: Id(5)] long ProcessedRows,
    [property: Id(6)] long SucceededRows,
    [property: Id(7)] long FailedRows,
    [property: Id(8)] DateTimeOffset CreatedAt,
    [property: Id(9)] DateTimeOffset? FinishedAt,
    [property: Id(10)] string? Error)
{
    /// <summary>The event type a receiver sees: <c>job.completed</c>, <c>job.failed</c> or <c>job.cancelled</c>.</summary>
    public string Type => WebhookEventTypes.For(Status);

    /// <summary>
    /// Stable for the job and outcome, whoever sends it and however often: the receiver's key for ignoring a repeated
    /// delivery, and the grain's for enqueuing an outcome once.
    /// </summary>
    public string EventId => $"evt_{JobId}_{Type["job.".Length..]}";

    /// <summary>The event for a job that has just reached an outcome, from its progress.</summary>
    /// <exception cref="ArgumentException">The job is still queued or running: it has no outcome to tell.</exception>
    public static JobWebhookEvent From(JobProgress progress, string url)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        _ = WebhookEventTypes.For(progress.Status);
        return new JobWebhookEvent(url, progress.JobId, progress.Status, progress.FileName, progress.TotalRows, progress.ProcessedRows,
            progress.SucceededRows, progress.FailedRows, progress.CreatedAt, progress.FinishedAt, progress.Error);
    }
}
