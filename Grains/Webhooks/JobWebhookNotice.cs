using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Webhooks;

namespace PersonalizedLine.Grains.Webhooks;

/// <summary>The one call a job makes when it reaches an outcome.</summary>
public static class JobWebhookNotice
{
    /// <summary>
    /// Enqueues the outcome for the job's webhook, if it has one, and returns once that is persisted. Idempotent: call
    /// it after the outcome is written, and again (on the job's reminder or activation) whenever it may not have
    /// returned — the same outcome is delivered once.
    /// </summary>
    /// <param name="grains">The job grain's <c>GrainFactory</c>.</param>
    /// <param name="spec">The job's spec (its <see cref="JobSpec.WebhookUrl"/>).</param>
    /// <param name="progress">The job's progress at the outcome (completed, failed or cancelled).</param>
    public static Task NotifyWebhookAsync(this IGrainFactory grains, JobSpec spec, JobProgress progress)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(progress);
        return spec.WebhookUrl is { } url
            ? grains.GetGrain<IJobWebhookGrain>(progress.JobId).Notify(JobWebhookEvent.From(progress, url))
            : Task.CompletedTask;
    }
}
