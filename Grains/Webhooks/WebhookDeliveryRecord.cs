using PersonalizedLine.Grains.Interfaces.Webhooks;

namespace PersonalizedLine.Grains.Webhooks;

/// <summary>
/// One outcome's delivery as stored. The body is written once, when the outcome is enqueued, so every attempt sends
/// the same bytes (only the signature's timestamp changes).
/// </summary>
[GenerateSerializer, Alias("webhook-delivery-record")]
public sealed class WebhookDeliveryRecord
{
    [Id(0)]
    public string EventId { get; set; } = string.Empty;

    [Id(1)]
    public string EventType { get; set; } = string.Empty;

    [Id(2)]
    public string Url { get; set; } = string.Empty;

    [Id(3)]
    public string Body { get; set; } = string.Empty;

    [Id(4)]
    public WebhookDeliveryState State { get; set; }

    [Id(5)]
    public List<WebhookAttempt> Attempts { get; set; } = [];

    [Id(6)]
    public DateTimeOffset? NextAttemptAt { get; set; }

    [Id(7)]
    public DateTimeOffset? DeliveredAt { get; set; }

    [Id(8)]
    public string? GaveUpReason { get; set; }

    public bool IsPending => State == WebhookDeliveryState.Pending;

    /// <summary>
    /// Adds an attempt and moves on: delivered on a 2xx; pending again after the backoff when the failure may pass and
    /// attempts are left; given up otherwise.
    /// </summary>
    public void RecordAttempt(DateTimeOffset startedAt, DateTimeOffset now, WebhookAttemptResult result, WebhookOptions settings)
    {
        Attempts.Add(new WebhookAttempt(startedAt, result.StatusCode, result.Error));
        NextAttemptAt = null;
        switch (result.Outcome)
        {
            case WebhookAttemptOutcome.Delivered:
                State = WebhookDeliveryState.Delivered;
                DeliveredAt = now;
                break;
            case WebhookAttemptOutcome.Retry when Attempts.Count < settings.MaxAttempts:
                NextAttemptAt = now + WebhookBackoff.After(Attempts.Count, settings);
                break;
            case WebhookAttemptOutcome.Retry:
                State = WebhookDeliveryState.GaveUp;
                GaveUpReason = $"gave up after {Attempts.Count} attempts (Webhook__MaxAttempts); the last: {result.Error}";
                break;
            default:
                State = WebhookDeliveryState.GaveUp;
                GaveUpReason = result.Error;
                break;
        }
    }

    public WebhookDeliveryStatus ToStatus() =>
        new(EventId, EventType, Url, State, Attempts.ToList(), IsPending ? NextAttemptAt : null, DeliveredAt, GaveUpReason);
}
