using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// The one resilience pipeline both provider clients use, outermost first:
/// <list type="number">
/// <item>rate-limit retry: only HTTP 429, with its own budget; it retries at once because the wait is the
/// cluster-wide limiter's (<see cref="Limits.ProviderPermitHandler"/>, inside this pipeline), which the 429 has
/// paused for the whole cluster for as long as the provider asked;</item>
/// <item>failure retry: 5xx, 408, connection errors, attempt timeouts and malformed 2xx bodies, exponential
/// jittered backoff; a timed-out attempt is retried at most <see cref="ProviderResilienceOptions.MaxTimeoutRetries"/>
/// times (an LLM that timed out may well have done, and billed, the work), and nothing is retried once the call's
/// total time on the provider is spent. A call whose tracker says <see cref="ProviderCallTracker.RetriesFailures"/> is
/// false (starting a batch) is never retried after a failure.</item>
/// </list>
/// The attempt and total timeouts are enforced by the permit handler, after the permit is granted, so that waiting
/// for a permit never counts against them. There is deliberately no circuit breaker: at our concurrency a burst of
/// slow answers would trip it and then fail hundreds of healthy rows without even asking the provider.
/// </summary>
public static class ProviderResiliencePipeline
{
    private static readonly HttpRequestOptionsKey<ProviderCallTracker> TrackerKey = new(ProviderCallTracker.OptionKey);

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, ProviderResilienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);

        if (options.MaxRateLimitWaits > 0)
        {
            builder.AddRetry(RateLimitRetry(options));
        }

        if (options.MaxRetries > 0)
        {
            builder.AddRetry(FailureRetry(options));
        }
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

        // A streamed file is the caller's to read: buffering it here would hold the whole file in memory.
        var streamed = response.RequestMessage?.Options.TryGetValue(TrackerKey, out var tracker) == true && tracker.StreamsAnswer;
        return response.IsSuccessStatusCode && !streamed && await JsonBodyCheck.IsMalformedAsync(response, cancellationToken).ConfigureAwait(false);
    }

    private static RetryStrategyOptions<HttpResponseMessage> RateLimitRetry(ProviderResilienceOptions options) => new()
    {
        Name = "RateLimitRetry",
        MaxRetryAttempts = options.MaxRateLimitWaits,
        ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests),
        DelayGenerator = _ => ValueTask.FromResult<TimeSpan?>(TimeSpan.Zero),
    };

    private static RetryStrategyOptions<HttpResponseMessage> FailureRetry(ProviderResilienceOptions options) => new()
    {
        Name = "FailureRetry",
        MaxRetryAttempts = options.MaxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.RetryBaseDelay,
        // Four doublings at most: a call's total time should be spent on attempts, not on one long sleep.
        MaxDelay = options.RetryBaseDelay * 16,
        ShouldHandle = async args =>
        {
            var tracker = args.Context.GetRequestMessage()?.Options.TryGetValue(TrackerKey, out var found) == true ? found : null;
            if (tracker is { RetriesFailures: false })
            {
                return false;
            }

            if (args.Outcome.Exception is TimeoutRejectedException
                && tracker is not null
                && (tracker.TotalTimeoutReached || tracker.TimedOut > options.MaxTimeoutRetries))
            {
                return false;
            }

            return await IsTransientFailureAsync(args.Outcome, args.Context.CancellationToken).ConfigureAwait(false);
        },
    };
}
