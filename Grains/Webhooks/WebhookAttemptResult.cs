namespace PersonalizedLine.Grains.Webhooks;

/// <summary>One attempt's result: what it means, the receiver's status if it answered, and what went wrong otherwise.</summary>
public sealed record WebhookAttemptResult(WebhookAttemptOutcome Outcome, int? StatusCode, string? Error);
