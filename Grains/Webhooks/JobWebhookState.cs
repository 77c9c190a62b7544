namespace PersonalizedLine.Grains.Webhooks;

/// <summary>A job's webhook deliveries, one per outcome, persisted at every step (enqueued, each attempt, settled).</summary>
[GenerateSerializer, Alias("job-webhook-state")]
public sealed class JobWebhookState
{
    [Id(0)]
    public List<WebhookDeliveryRecord> Deliveries { get; set; } = [];
}
