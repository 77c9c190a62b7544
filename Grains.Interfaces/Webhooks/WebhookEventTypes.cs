using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Grains.Interfaces.Webhooks;

/// <summary>The event types a webhook receiver sees (the <c>type</c> field and the <c>PersonalizedLine-Event</c> header).</summary>
public static class WebhookEventTypes
{
    public const string Completed = "job.completed";
    public const string Failed = "job.failed";
    public const string Cancelled = "job.cancelled";

    /// <exception cref="ArgumentException">A status that is not an outcome (queued, running).</exception>
    public static string For(JobStatus status) => status switch
    {
        JobStatus.Completed => Completed,
        JobStatus.Failed => Failed,
        JobStatus.Cancelled => Cancelled,
        _ => throw new ArgumentException($"A job that is {status} has no outcome to send to its webhook.", nameof(status)),
    };
}
