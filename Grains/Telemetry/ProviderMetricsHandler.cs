using System.Diagnostics;

namespace PersonalizedLine.Grains.Telemetry;

/// <summary>
/// On every provider client, inside the permit handler: times each HTTP attempt (not the wait for its permit) and
/// records its status class. One place for all providers, so no client can forget it.
/// </summary>
public sealed class ProviderMetricsHandler(string provider, string? silo) : DelegatingHandler
{
    private readonly string _silo = silo ?? string.Empty;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            ProviderMetrics.RequestFinished(provider, _silo, (int)response.StatusCode, timedOut: false, started);
            return response;
        }
        catch (OperationCanceledException)
        {
            ProviderMetrics.RequestFinished(provider, _silo, null, timedOut: true, started);
            throw;
        }
        catch (Exception)
        {
            ProviderMetrics.RequestFinished(provider, _silo, null, timedOut: false, started);
            throw;
        }
    }
}
