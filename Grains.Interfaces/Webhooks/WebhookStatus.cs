namespace PersonalizedLine.Grains.Interfaces.Webhooks;

/// <summary>A job's webhook deliveries, one per outcome, oldest first: what the job's status shows.</summary>
[GenerateSerializer, Immutable, Alias("webhook-status")]
public sealed record class WebhookStatus([property: Id(0)] IReadOnlyList<WebhookDeliveryStatus> Deliveries);
