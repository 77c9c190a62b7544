namespace PersonalizedLine.Client.Sdk.Models;

/// <summary>One attempt at delivering a webhook: when, the receiver's status code, or what went wrong.</summary>
public sealed record WebhookAttempt(DateTimeOffset At, int? StatusCode, string? Error);
