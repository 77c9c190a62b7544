namespace PersonalizedLine.Client.Sdk.Models;

/// <summary>One webhook event of a job and its delivery attempts.</summary>
public sealed record WebhookDelivery(
    string EventId,
    string EventType,
    string Url,
    WebhookDeliveryState State,
    IReadOnlyList<WebhookAttempt> Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    string? GaveUpReason);
