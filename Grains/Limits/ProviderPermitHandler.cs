using System.Diagnostics;
using System.Globalization;
using System.Net;
using Polly.Timeout;
using PersonalizedLine.Grains.Interfaces.Providers;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.Limits;

/// <summary>
/// Sits inside the retry strategies, so every attempt, first or retry, first waits for a permit of the cluster-wide
/// limit; only then do the attempt's clocks start. It enforces the attempt timeout and the call's total time on the
/// provider itself (Polly's timeout strategies would count the permit wait), and feeds every 429 and every
/// <c>x-ratelimit-remaining-*</c> answer back to the limiter. An answer about the account (<see cref="AccountFaults"/>)
/// becomes a <see cref="ProviderAccountException"/> here, which no retry strategy handles, and holds the limiter's key.
/// </summary>
public sealed class ProviderPermitHandler(
    ProviderLimiters limiters, TokenCostEstimator tokens, ProviderResilienceOptions options, ProviderLimitKind kind, TimeProvider time,
    ProviderIdentity identity, AdvertisedTokenLimits? advertised = null) : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<ProviderCallTracker> TrackerKey = new(ProviderCallTracker.OptionKey);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.TryGetValue(TrackerKey, out var tracker);
        var limiter = kind switch
        {
            ProviderLimitKind.Llm => limiters.ForLlm(tracker?.Model ?? string.Empty),
            ProviderLimitKind.BatchApi => limiters.ForBatchApi(),
            _ => limiters.ForResearch(),
        };

        var waitStarted = Stopwatch.GetTimestamp();
        var size = tracker?.Size ?? PromptSize.None;
        await limiter.AcquireAsync(size, PermitWaitScope.Current, cancellationToken).ConfigureAwait(false);
        tracker?.WaitedForPermit(Stopwatch.GetElapsedTime(waitStarted));

        var rateLimited = false;
        try
        {
            var spent = tracker?.ProviderTime ?? TimeSpan.Zero;
            var left = options.TotalTimeout - spent;
            if (left <= TimeSpan.Zero)
            {
                MarkTotalReached(tracker);
                throw new TimeoutRejectedException($"The call used its {options.TotalTimeout} on the provider.", options.TotalTimeout);
            }

            var cutByTotal = left < options.AttemptTimeout;
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(cutByTotal ? left : options.AttemptTimeout);
            HttpResponseMessage response;
            try
            {
                response = await base.SendAsync(request, attempt.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && attempt.IsCancellationRequested)
            {
                tracker?.AttemptTimedOut();
                if (cutByTotal)
                {
                    MarkTotalReached(tracker);
                }

                var timeout = cutByTotal ? options.TotalTimeout : options.AttemptTimeout;
                throw new TimeoutRejectedException($"The attempt was cut after {timeout}.", timeout, ex);
            }

            rateLimited = response.StatusCode == HttpStatusCode.TooManyRequests;
            if (await AccountFaults.ClassifyAsync(response, options.AccountPauseThreshold, time, cancellationToken).ConfigureAwait(false) is { } fault)
            {
                response.Dispose();
                throw new ProviderAccountException(HoldForAccount(limiter, fault));
            }

            Feedback(limiter, response, tokens.RequestCost(size));
            if (kind == ProviderLimitKind.Llm && advertised is not null && Remaining(response, "x-ratelimit-limit-tokens") is { } plan)
            {
                advertised.Observe(tracker?.Model ?? string.Empty, plan);
            }

            return response;
        }
        finally
        {
            limiter.Completed(rateLimited);
        }
    }

    private void Feedback(ProviderLimiter limiter, HttpResponseMessage response, long tokenCost)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            limiter.OnRateLimited(RateLimitDelay.FromHeaders(response, time));
            return;
        }

        // Groq's request counter is per day; both tell when the next request would be refused for certain. A day's
        // quota used up hours before its reset is an account problem: calls stop rather than wait.
        if (AccountFaults.QuotaUsedUp(response, options.AccountPauseThreshold) is { } usedUp)
        {
            HoldForAccount(limiter, usedUp);
        }
        else if (Remaining(response, "x-ratelimit-remaining-requests") == 0 && RateLimitDelay.Reset(response, RateLimitDelay.ResetRequestsHeader) is { } requestsReset)
        {
            limiter.OnExhausted(requestsReset);
        }
        else if (Remaining(response, "x-ratelimit-remaining-tokens") is { } tokensLeft
                 && tokenCost > 0
                 && tokensLeft < tokenCost
                 && RateLimitDelay.Reset(response, RateLimitDelay.ResetTokensHeader) is { } tokensReset)
        {
            limiter.OnExhausted(tokensReset);
        }
    }

    private AccountProblem HoldForAccount(ProviderLimiter limiter, AccountFault fault)
    {
        var which = kind switch
        {
            ProviderLimitKind.Llm => AccountProvider.Llm,
            ProviderLimitKind.BatchApi => AccountProvider.LlmBatchApi,
            _ => AccountProvider.Research,
        };
        var problem = AccountProblems.Describe(fault, identity, which, limiter.Key, time.GetUtcNow());
        limiter.HoldForAccount(problem, fault.ResetIn ?? options.AccountFaultHold);
        return problem;
    }

    private static long? Remaining(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static void MarkTotalReached(ProviderCallTracker? tracker)
    {
        if (tracker is not null)
        {
            tracker.TotalTimeoutReached = true;
        }
    }
}
