namespace PersonalizedLine.Grains.Webhooks;

/// <summary>The wait before the next attempt: <c>InitialBackoff</c>, doubled after each further failure, capped at <c>MaxBackoff</c>.</summary>
public static class WebhookBackoff
{
    /// <param name="failedAttempts">Attempts made so far (at least 1).</param>
    /// <param name="options">The backoff settings.</param>
    public static TimeSpan After(int failedAttempts, WebhookOptions options)
    {
        var doublings = Math.Clamp(failedAttempts - 1, 0, 30);
        var wait = options.InitialBackoff.TotalSeconds * Math.Pow(2, doublings);
        return wait >= options.MaxBackoff.TotalSeconds ? options.MaxBackoff : TimeSpan.FromSeconds(wait);
    }
}
