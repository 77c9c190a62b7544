namespace PersonalizedLine.Grains.Webhooks;

/// <summary>
/// A job's <c>webhookUrl</c> cannot be used (not http or https, a private address, no <c>Webhook__Secret</c>, …). The
/// message says what to change. Raised at submission, and inside a delivery attempt when the host's address is refused.
/// </summary>
public sealed class WebhookUrlRejectedException(string message) : Exception(message)
{
    /// <summary>The form field it is about, for an API problem answer.</summary>
    public const string Field = "webhookUrl";
}
