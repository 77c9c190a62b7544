using System.Net;
using System.Net.Http;
using System.Text;
using Microsoft.Extensions.Options;

namespace PersonalizedLine.Grains.Webhooks;

/// <summary>Makes one delivery attempt: signs the body at the current time, POSTs it, and says what the answer means.</summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<WebhookOptions> options, TimeProvider clock)
{
    /// <summary>The named HttpClient: its timeout is <c>Webhook__Timeout</c>, its connections go through <see cref="WebhookConnector"/>.</summary>
    public const string ClientName = "webhooks";

    public const string EventHeader = "PersonalizedLine-Event";
    public const string DeliveryHeader = "PersonalizedLine-Delivery";

    public async Task<WebhookAttemptResult> SendAsync(string url, string eventType, string eventId, string body, CancellationToken cancellationToken)
    {
        var secret = options.Value.Secret;
        if (string.IsNullOrWhiteSpace(secret))
        {
            return new(WebhookAttemptOutcome.GiveUp, null, "Webhook__Secret is not set on the silo: an unsigned webhook is not sent.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(EventHeader, eventType);
        request.Headers.Add(DeliveryHeader, eventId);
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Sign(secret, clock.GetUtcNow(), body));
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => new(WebhookAttemptOutcome.Delivered, status, null),
                >= 500 or (int)HttpStatusCode.RequestTimeout or (int)HttpStatusCode.TooManyRequests =>
                    new(WebhookAttemptOutcome.Retry, status, $"the receiver answered {status} {response.ReasonPhrase}"),
                >= 300 and < 400 => new(WebhookAttemptOutcome.GiveUp, status, $"the receiver answered {status} (a redirect, which webhooks do not follow): update the webhookUrl"),
                _ => new(WebhookAttemptOutcome.GiveUp, status, $"the receiver refused the delivery with {status} {response.ReasonPhrase}"),
            };
        }
        catch (HttpRequestException ex) when (Find<WebhookUrlRejectedException>(ex) is { } refused)
        {
            return new(WebhookAttemptOutcome.Retry, null, refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return new(WebhookAttemptOutcome.Retry, null, $"network error: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(WebhookAttemptOutcome.Retry, null, $"no answer within {options.Value.Timeout.TotalSeconds:0.#} s (Webhook__Timeout)");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever else fails is still an attempt, so that MaxAttempts bounds it like any other failure.
            return new(WebhookAttemptOutcome.Retry, null, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private static T? Find<T>(Exception exception) where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}
