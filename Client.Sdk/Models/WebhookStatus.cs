namespace PersonalizedLine.Client.Sdk.Models;

/// <summary>A job's webhook deliveries.</summary>
public sealed record WebhookStatus(IReadOnlyList<WebhookDelivery> Deliveries);
