using System.Net;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Sits inside the resilience handler, so it sees every attempt, and records attempts and 429s on the
/// call's <see cref="ProviderCallTracker"/> when the request carries one.
/// </summary>
public sealed class AttemptTrackingHandler : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<ProviderCallTracker> TrackerKey = new(ProviderCallTracker.OptionKey);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.TryGetValue(TrackerKey, out var tracker);
        tracker?.AttemptStarted();
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            tracker?.RateLimitAnswered();
        }

        return response;
    }
}
