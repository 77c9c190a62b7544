using System.Net;
using Polly.Timeout;
using PersonalizedLine.Grains.Providers;
using Refit;

namespace PersonalizedLine.Grains.Telemetry;

/// <summary>The <see cref="RowFailureReason"/> of a provider call that failed for good, from the failure it wraps.</summary>
public static class ProviderCallReason
{
    public static string Of(ProviderCallException exception)
    {
        for (Exception? inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case TimeoutRejectedException:
                    return RowFailureReason.Timeout;
                case ApiException { StatusCode: HttpStatusCode.TooManyRequests }:
                    return RowFailureReason.RateLimited;
                case ApiException { StatusCode: HttpStatusCode.RequestTimeout or HttpStatusCode.GatewayTimeout }:
                    return RowFailureReason.Timeout;
            }
        }

        return RowFailureReason.ProviderError;
    }
}
