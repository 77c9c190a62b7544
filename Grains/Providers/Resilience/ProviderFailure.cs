using System.Net;
using System.Text.Json;
using Polly.Timeout;
using Refit;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Turns what is left after the resilience pipeline gave up into a <see cref="ProviderCallException"/> whose
/// message ends up in the output CSV: it names the provider, the cause, and what to check.
/// </summary>
public static class ProviderFailure
{
    /// <summary>Null when the exception is the caller's own cancellation, which must propagate unchanged.</summary>
    public static ProviderCallException? Translate(
        Exception exception, ProviderIdentity provider, ProviderResilienceOptions options, ProviderCallTracker tracker, CancellationToken callerToken)
    {
        if (callerToken.IsCancellationRequested && exception is OperationCanceledException or ApiRequestException)
        {
            return null;
        }

        // Already worded where it was recognised, with the limit's key; it must keep its type so its row halts.
        if (ProviderAccountException.Find(exception) is { } account)
        {
            return account;
        }

        var message = Describe(exception, provider, options, tracker);
        return new ProviderCallException(message, exception);
    }

    private static string Describe(Exception exception, ProviderIdentity provider, ProviderResilienceOptions options, ProviderCallTracker tracker)
    {
        var name = provider.DisplayName;
        var attempts = Math.Max(1, tracker.Attempts);

        if (exception is ApiException api)
        {
            if (api.StatusCode is >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices)
            {
                // Refit could not read a 2xx body; the retry strategy already tried again on malformed JSON.
                return $"{name} answer was not valid JSON after {Math.Max(1, tracker.FailureBudgetAttempts)} attempts.";
            }

            return DescribeStatus(api.StatusCode, ProviderErrorText.Excerpt(api.Content), provider, options, tracker);
        }

        if (Find<JsonException>(exception) is not null)
        {
            return $"{name} answer was not valid JSON after {Math.Max(1, tracker.FailureBudgetAttempts)} attempts.";
        }

        if (Find<TimeoutRejectedException>(exception) is { } timeout)
        {
            var isTotal = timeout.Timeout == options.TotalTimeout && options.TotalTimeout != options.AttemptTimeout;
            return isTotal
                ? $"{name} gave no usable answer within {DurationText.Format(options.TotalTimeout)} in total ({attempts} attempts, {tracker.RateLimited} rate-limited). " +
                  $"Raise {provider.Section}__TotalTimeout or lower the number of rows processed at once."
                : $"{name} did not answer within {DurationText.Format(options.AttemptTimeout)} ({attempts} attempts).";
        }

        if (Find<HttpRequestException>(exception) is { } http)
        {
            return $"{name} could not be reached at {provider.BaseUrl} after {attempts} attempts ({http.Message}). Check {provider.Section}__BaseUrl and the network.";
        }

        return $"{name} call failed after {attempts} attempts: {exception.GetType().Name}: {exception.Message}";
    }

    private static string DescribeStatus(
        HttpStatusCode status, string? excerpt, ProviderIdentity provider, ProviderResilienceOptions options, ProviderCallTracker tracker)
    {
        var name = provider.DisplayName;
        var code = (int)status;
        var said = excerpt is null ? string.Empty : $" Provider said: {excerpt}";
        return status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"{name} rejected the key (HTTP {code}). Check {provider.KeySettings}.{said}",
            HttpStatusCode.NotFound =>
                $"{name} answered HTTP 404 (not found). Check {provider.Section}__BaseUrl ({provider.BaseUrl}){(provider.Section == LlmOptions.SectionName ? " and Llm__Model" : string.Empty)}.{said}",
            HttpStatusCode.RequestEntityTooLarge =>
                $"{name} refused the request as too large (HTTP 413); shorten the prompt or the research text.{said}",
            HttpStatusCode.TooManyRequests =>
                // A final 429 means the rate-limit strategy used its whole budget (a total timeout would surface as a timeout).
                $"{name} rate limit still exceeded after {options.MaxRateLimitWaits} waits (HTTP 429). Lower the number of rows processed at once or raise {provider.Section}__MaxRateLimitWaits.{said}",
            HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError =>
                $"{name} returned HTTP {code} after {Math.Max(1, tracker.FailureBudgetAttempts)} attempts.{said}",
            HttpStatusCode.BadRequest =>
                $"{name} rejected the request (HTTP 400).{said}",
            _ => $"{name} returned HTTP {code}.{said}",
        };
    }

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T match)
            {
                return match;
            }
        }

        return null;
    }
}
