namespace PersonalizedLine.Grains.Interfaces.Webhooks;

/// <summary>
/// The webhook deliveries of one job (keyed by the job id): each outcome the job reaches (completed, failed, cancelled)
/// is POSTed once to the job's webhook URL, signed, and retried with backoff until the receiver answers 2xx, refuses
/// it, or the attempts run out. Every delivery and every attempt is persisted, and a reminder brings pending deliveries
/// back after a silo restart.
/// </summary>
public interface IJobWebhookGrain : IGrainWithStringKey
{
    /// <summary>
    /// Enqueues the outcome's delivery and returns once it is persisted. The same outcome of the same job is enqueued
    /// once: calling it again (after a restart, or twice by mistake) changes nothing and delivers nothing more.
    /// </summary>
    Task<WebhookStatus> Notify(JobWebhookEvent webhookEvent);

    /// <summary>The deliveries with their attempts; null when the job has none.</summary>
    [AlwaysInterleave]
    Task<WebhookStatus?> GetStatus();

    /// <summary>Forgets every delivery (pending ones are not sent) and removes the grain's reminder: for a deleted job.</summary>
    Task Delete();
}
