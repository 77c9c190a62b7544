namespace PersonalizedLine.Grains.Webhooks;

/// <summary>What one delivery attempt means for the delivery.</summary>
public enum WebhookAttemptOutcome
{
    /// <summary>2xx: done.</summary>
    Delivered,

    /// <summary>5xx, 408, 429, a timeout, a network error or a refused address: try again later.</summary>
    Retry,

    /// <summary>Any other answer (3xx, 4xx), or nothing to sign with: another attempt would be refused the same way.</summary>
    GiveUp,
}
