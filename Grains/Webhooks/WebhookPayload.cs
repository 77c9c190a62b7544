using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Webhooks;

namespace PersonalizedLine.Grains.Webhooks;

/// <summary>The JSON body of a delivery: the event's id, type and time, and the job's summary.</summary>
/// <param name="Id">The event's stable id: the same for every attempt, so a receiver can ignore repeats.</param>
/// <param name="Type"><c>job.completed</c>, <c>job.failed</c> or <c>job.cancelled</c>.</param>
/// <param name="CreatedAt">When the event was enqueued.</param>
/// <param name="Data">The job.</param>
public sealed record WebhookPayload(string Id, string Type, DateTimeOffset CreatedAt, WebhookJobSummary Data)
{
    public static WebhookPayload From(JobWebhookEvent webhookEvent, DateTimeOffset createdAt) => new(
        webhookEvent.EventId,
        webhookEvent.Type,
        createdAt,
        new WebhookJobSummary(
            JobKeys.PublicId(webhookEvent.JobId),
            webhookEvent.FileName,
            webhookEvent.Status.ToString().ToLowerInvariant(),
            webhookEvent.TotalRows,
            webhookEvent.ProcessedRows,
            webhookEvent.SucceededRows,
            webhookEvent.FailedRows,
            webhookEvent.CreatedAt,
            webhookEvent.FinishedAt,
            webhookEvent.Error,
            $"/jobs/{JobKeys.PublicId(webhookEvent.JobId)}",
            $"/jobs/{JobKeys.PublicId(webhookEvent.JobId)}/result"));
}
