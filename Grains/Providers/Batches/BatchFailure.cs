using System.Net;
using Polly.Timeout;
using Refit;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Turns a failed Files or Batches call into a <see cref="ProviderCallException"/> that says which step failed, using
/// <see cref="ProviderFailure"/> for what the chat client shares (keys, timeouts, 5xx) and its own words where the
/// Batch API differs: a 404 means no Batch API (or no such batch or file), and an upload is never sent twice.
/// </summary>
internal static class BatchFailure
{
    /// <summary>Null when the exception is the caller's own cancellation, which must propagate unchanged.</summary>
    /// <param name="exception">What the call threw.</param>
    /// <param name="step">What was being done, e.g. "Getting batch batch_abc"; starts the message.</param>
    /// <param name="missing">What a 404 means for this call, e.g. "no batch batch_abc"; null when it means there is no Batch API.</param>
    /// <param name="provider">Names the provider and its settings.</param>
    /// <param name="options">The call's resilience settings, for the numbers in the message.</param>
    /// <param name="tracker">What the call's attempts met.</param>
    /// <param name="callerToken">The caller's token.</param>
    public static ProviderCallException? Translate(
        Exception exception, string step, string? missing, ProviderIdentity provider, ProviderResilienceOptions options, ProviderCallTracker tracker,
        CancellationToken callerToken)
    {
        if (callerToken.IsCancellationRequested && exception is OperationCanceledException or ApiRequestException)
        {
            return null;
        }

        var said = exception is ApiException { Content: var content } ? ProviderErrorText.Excerpt(content) : null;
        var saidText = said is null ? string.Empty : $" Provider said: {said}";
        switch (exception)
        {
            case ApiException { StatusCode: HttpStatusCode.NotFound }:
                return new ProviderCallException(missing is null
                    ? NoBatchApi(provider) + saidText
                    : $"{step}: the provider has {missing} (HTTP 404).{saidText}", exception);
            case ApiException { StatusCode: HttpStatusCode.TooManyRequests } when options.MaxRateLimitWaits == 0:
                return new ProviderCallException(
                    $"{step}: {provider.DisplayName} is rate-limiting (HTTP 429); an upload is not sent again at once, as its stream is used up. Upload again later.{saidText}",
                    exception);
        }

        var translated = ProviderFailure.Translate(exception, provider, options, tracker, callerToken);
        if (translated is null)
        {
            return null;
        }

        if (translated is ProviderAccountException account)
        {
            return new ProviderAccountException(account.Problem with { Message = $"{step}: {account.Problem.Message}" }, exception);
        }

        var hint = options is BatchUploadResilience && FindTimeout(exception)
            ? $" A slow link needs a longer {LlmOptions.SectionName}__{nameof(LlmOptions.BatchUploadTimeout)}."
            : string.Empty;
        return new ProviderCallException($"{step}: {translated.Message}{hint}", exception);
    }

    /// <summary>What to tell a person whose provider answers 404 on the Batch API's paths.</summary>
    public static string NoBatchApi(ProviderIdentity provider) =>
        $"The LLM provider at {provider.BaseUrl} has no Batch API (HTTP 404 on its files and batches endpoints), so jobs cannot use mode=batch. " +
        $"Run them with mode=online, or point {provider.Section}__BaseUrl at a provider with OpenAI's Files and Batches API (OpenAI, Groq).";

    private static bool FindTimeout(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is TimeoutRejectedException)
            {
                return true;
            }
        }

        return false;
    }
}
