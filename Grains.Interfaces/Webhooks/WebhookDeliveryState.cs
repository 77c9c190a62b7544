namespace PersonalizedLine.Grains.Interfaces.Webhooks;

/// <summary>Where a webhook delivery stands. Serialized by name in the API.</summary>
[GenerateSerializer, Alias("webhook-delivery-state")]
public enum WebhookDeliveryState
{
    /// <summary>Not delivered yet; another attempt is due at its next attempt time.</summary>
    Pending = 0,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered = 1,

    /// <summary>No further attempt: the receiver refused it (a 4xx), or every attempt failed.</summary>
    GaveUp = 2,
}
