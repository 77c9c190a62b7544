namespace PersonalizedLine.Grains.Interfaces.Webhooks;

/// <summary>One attempt at a webhook delivery.</summary>
/// <param name="At">When it was sent.</param>
/// <param name="StatusCode">The receiver's HTTP status, when it answered.</param>
/// <param name="Error">What went wrong when it did not answer, or what its answer meant (timeout, refused address, …).</param>
[GenerateSerializer, Immutable, Alias("webhook-attempt")]
public sealed record class WebhookAttempt(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int? StatusCode,
    [property: Id(2)] string? Error);
