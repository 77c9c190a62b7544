using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// The one resilience pipeline both provider clients use, outermost first:
/// <list type="number">
/// <item>total timeout: bounds a call including every wait, so a row cannot hang for ever;</item>
/// <item>rate-limit retry: only HTTP 429, waiting as long as the provider asks, with its own budget;</item>
/// <item>failure retry: 5xx, 408, connection errors, attempt timeouts and malformed 2xx bodies, exponential jittered backoff;</item>
/// <item>attempt timeout: abandons one hung attempt so the failure retry can try again.</item>
/// </list>
/// There is deliberately no circuit breaker: at our concurrency a rate-limit burst or a few slow answers would
/// trip it and then fail hundreds of healthy rows without even asking the provider. The retries already back
/// off, and the total timeout caps what one row can cost.
/// </summary>
public static class ProviderResiliencePipeline
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ProviderResilienceOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);

        builder.AddTimeout(new TimeoutStrategyOptions { Name = "TotalTimeout", Timeout = options.TotalTimeout });

        if (options.MaxRateLimitWaits > 0)
        {
            builder.AddRetry(RateLimitRetry(options, timeProvider));
        }

        if (options.MaxRetries > 0)
        {
            builder.AddRetry(FailureRetry(options));
        }

        builder.AddTimeout(new TimeoutStrategyOptions { Name = "AttemptTimeout", Timeout = options.AttemptTimeout });
    }

    /// <summary>True for answers and errors worth another attempt, apart from rate limiting.</summary>
    public static async ValueTask<bool> IsTransientFailureAsync(Outcome<HttpResponseMessage> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Exception is not null)
        {
            // A caller's own cancellation surfaces as OperationCanceledException and is deliberately not retried.
            return outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        var response = outcome.Result;
        if (response is null)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        if (status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout)
        {
            return true;
        }

        return response.IsSuccessStatusCode && await JsonBodyCheck.IsMalformedAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static RetryStrategyOptions<HttpResponseMessage> RateLimitRetry(ProviderResilienceOptions options, TimeProvider timeProvider) => new()
    {
        Name = "RateLimitRetry",
        MaxRetryAttempts = options.MaxRateLimitWaits,
        ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests),
        DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
            RateLimitDelay.Compute(args.Outcome.Result!, options.RateLimitFallbackDelay, timeProvider, Random.Shared)),
    };

    private static RetryStrategyOptions<HttpResponseMessage> FailureRetry(ProviderResilienceOptions options) => new()
    {
        Name = "FailureRetry",
        MaxRetryAttempts = options.MaxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.RetryBaseDelay,
        // Four doublings at most: a call's total timeout should be spent on attempts, not on one long sleep.
        MaxDelay = options.RetryBaseDelay * 16,
        ShouldHandle = args => IsTransientFailureAsync(args.Outcome, args.Context.CancellationToken),
    };
}
