using System.Net;
using Microsoft.Extensions.Options;

namespace PersonalizedLine.Grains.Webhooks;

/// <summary>
/// Checks a job's <c>webhookUrl</c> at submission, before anything is created: a webhook secret is configured, the URL
/// is an absolute http or https URL, and its host is not (and does not resolve to) a private address unless
/// <c>Webhook__AllowPrivateNetworks</c>. Each refusal says what to change.
/// </summary>
public sealed class WebhookUrlValidator(IOptions<WebhookOptions> options, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
{
    private const int MaxLength = 2048;

    /// <summary>The URL to send to.</summary>
    /// <exception cref="WebhookUrlRejectedException">The webhook cannot be sent there.</exception>
    public async Task<Uri> ValidateAsync(string url, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.HasSecret)
        {
            throw new WebhookUrlRejectedException(
                "This server signs no webhooks: Webhook__Secret is not set, and a webhook whose signature cannot be checked is not sent. Set Webhook__Secret on the server (and give it to your receiver), or leave webhookUrl out.");
        }

        var text = url.Trim();
        if (text.Length > MaxLength)
        {
            throw new WebhookUrlRejectedException($"The webhookUrl is {text.Length} characters long; at most {MaxLength} are accepted.");
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new WebhookUrlRejectedException(
                $"The webhookUrl must be an absolute http:// or https:// URL, e.g. https://example.com/hooks/personalizedline (got '{text}').");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            // It would be shown in the job's status; receivers authenticate deliveries by their signature instead.
            throw new WebhookUrlRejectedException("The webhookUrl must not carry a user name or password; check deliveries by their PersonalizedLine-Signature header instead.");
        }

        await new WebhookAddressGuard(settings.AllowPrivateNetworks, resolve).ResolveAsync(uri.IdnHost, cancellationToken);
        return uri;
    }
}
