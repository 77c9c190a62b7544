namespace PersonalizedLine.Grains.Interfaces.Webhooks;

/// <summary>One outcome's delivery to the job's webhook URL.</summary>
/// <param name="EventId">The event's stable id (the <c>PersonalizedLine-Delivery</c> header).</param>
/// <param name="EventType"><c>job.completed</c>, <c>job.failed</c> or <c>job.cancelled</c>.</param>
/// <param name="Url">Where it is sent.</param>
/// <param name="State">Pending (more attempts to come), delivered, or given up.</param>
/// <param name="Attempts">Every attempt so far, oldest first.</param>
/// <param name="NextAttemptAt">When the next attempt is due, while pending.</param>
/// <param name="DeliveredAt">When the receiver accepted it.</param>
/// <param name="GaveUpReason">Why no further attempt is made, once given up.</param>
[GenerateSerializer, Immutable, Alias("webhook-delivery-status")]
public sealed record class WebhookDeliveryStatus(
    [property: Id(0)] string EventId,
    [property: Id(1)] string EventType,
    [property: Id(2)] string Url,
    [property: Id(3)] WebhookDeliveryState State,
    [property: Id(4)] IReadOnlyList<WebhookAttempt> Attempts,
    [property: Id(5)] DateTimeOffset? NextAttemptAt,
    [property: Id(6)] DateTimeOffset? DeliveredAt,
    [property: Id(7)] string? GaveUpReason);
