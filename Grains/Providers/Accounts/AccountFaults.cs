using System.Globalization;
using System.Net;
using System.Text.Json;
using PersonalizedLine.Grains.Interfaces.Providers;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Tells an answer about the account (every request on the key will get it) from an answer about one request:
/// <list type="bullet">
/// <item>401 and 403: the key is refused (Serper answers a bad key with 403);</item>
/// <item>402, or an OpenAI-style error whose <c>code</c> or <c>type</c> is <c>insufficient_quota</c> (OpenAI sends it
/// with 429): no credit;</item>
/// <item>429 that says the limit comes back only after <paramref name="threshold"/> or later, by <c>Retry-After</c>,
/// or by Groq's <c>x-ratelimit-reset-requests</c> while <c>x-ratelimit-remaining-requests</c> is 0 (the per-day request
/// quota): a quota used up.</item>
/// </list>
/// Any other 429 is ordinary rate limiting, which the cluster-wide limiter waits out. Groq's reset of the request
/// counter alone is not evidence: on a per-minute tokens 429 it may still be minutes away while requests remain.
/// </summary>
public static class AccountFaults
{
    public const string InsufficientQuota = "insufficient_quota";
    private const string RemainingRequestsHeader = "x-ratelimit-remaining-requests";

    /// <summary>The account fault <paramref name="response"/> reports, or null when it is not one.</summary>
    public static async ValueTask<AccountFault?> ClassifyAsync(
        HttpResponseMessage response, TimeSpan threshold, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = response.StatusCode;
        if (status is not (HttpStatusCode.Unauthorized or HttpStatusCode.PaymentRequired or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
        {
            return null;
        }

        // Error bodies are small; buffering keeps the body readable for whoever handles the answer next.
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var said = ProviderErrorText.Excerpt(body);
        var code = (int)status;
        if (IsInsufficientQuota(body))
        {
            return new AccountFault(AccountProblemKind.OutOfCredit, code, InsufficientQuota, said);
        }

        switch (status)
        {
            case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                return new AccountFault(AccountProblemKind.InvalidKey, code, null, said);
            case HttpStatusCode.PaymentRequired:
                return new AccountFault(AccountProblemKind.OutOfCredit, code, null, said);
        }

        return FarReset(response, threshold, time) is { } far
            ? new AccountFault(AccountProblemKind.QuotaExhausted, code, far.Evidence, said, far.ResetIn)
            : null;
    }

    /// <summary>
    /// A successful answer that says no request is left until a reset at least <paramref name="threshold"/> away
    /// (Groq's per-day counter at 0): the next request would meet an exhausted quota.
    /// </summary>
    public static AccountFault? QuotaUsedUp(HttpResponseMessage response, TimeSpan threshold)
    {
        ArgumentNullException.ThrowIfNull(response);
        return RemainingRequests(response) == 0
               && RateLimitDelay.Reset(response, RateLimitDelay.ResetRequestsHeader) is { } reset
               && reset >= threshold
            ? new AccountFault(AccountProblemKind.QuotaExhausted, (int)response.StatusCode, $"{RemainingRequestsHeader} 0", null, reset)
            : null;
    }

    private static (TimeSpan ResetIn, string Evidence)? FarReset(HttpResponseMessage response, TimeSpan threshold, TimeProvider time)
    {
        var retryAfter = response.Headers.RetryAfter;
        var wait = retryAfter?.Delta ?? (retryAfter?.Date is { } date ? date - time.GetUtcNow() : null);
        if (wait is { } explicitWait)
        {
            // The provider's explicit word decides, whatever the other headers say.
            return explicitWait >= threshold
                ? (explicitWait, string.Create(CultureInfo.InvariantCulture, $"retry-after {(long)explicitWait.TotalSeconds} s"))
                : null;
        }

        return QuotaUsedUp(response, threshold) is { ResetIn: { } reset }
            ? (reset, $"{RateLimitDelay.ResetRequestsHeader} with {RemainingRequestsHeader} 0")
            : null;
    }

    private static long? RemainingRequests(HttpResponseMessage response) =>
        response.Headers.TryGetValues(RemainingRequestsHeader, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static bool IsInsufficientQuota(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement is { ValueKind: JsonValueKind.Object } root
                   && root.TryGetProperty("error", out var error)
                   && error.ValueKind == JsonValueKind.Object
                   && (Is(error, "code") || Is(error, "type"));
        }
        catch (JsonException)
        {
            return false;
        }

        static bool Is(JsonElement error, string name) =>
            error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() == InsufficientQuota;
    }
}
