using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PersonalizedLine.ProviderEmulator;

/// <summary>
/// Groq's side of <see cref="EndpointBehavior.Quota"/> on the chat endpoint: the <c>x-ratelimit-*</c> headers
/// computed from the credential's windows, and the 429 and 413 answers with Groq's wording.
/// </summary>
internal static class ChatQuotaAnswers
{
    /// <summary>
    /// The six <c>x-ratelimit-*</c> headers. Requests are per day, as Groq sends them; tokens are per window and are
    /// left out when the quota sets no token limit. On a 429 each reset header is the time until that limit has
    /// room for this request, so the longer of the two is when to come back.
    /// </summary>
    public static void AddHeaders(HttpContext context, QuotaDecision quota)
    {
        var policy = quota.Policy!;
        var headers = context.Response.Headers;
        headers["x-ratelimit-limit-requests"] = policy.RequestsPerDay.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining-requests"] = quota.RemainingRequestsToday.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset-requests"] = GoDurationText.Format(quota.RequestReset);
        if (policy.TokensPerWindow is { } tokens)
        {
            headers["x-ratelimit-limit-tokens"] = tokens.ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-remaining-tokens"] = Math.Max(0, quota.RemainingTokens ?? tokens).ToString(CultureInfo.InvariantCulture);
            headers["x-ratelimit-reset-tokens"] = GoDurationText.Format(quota.TokenReset);
        }
    }

    /// <summary>The 429 (over a window) or 413 (larger than the token window on its own) for a rejected request.</summary>
    public static Task WriteRejectionAsync(HttpContext context, string model, QuotaDecision quota)
    {
        AddHeaders(context, quota);
        var limit = quota.OnTokens ? "tokens per minute (TPM)" : "requests per minute (RPM)";
        var where = $"for model `{model}` in organization `org_emulated` service tier `on_demand` on {limit}";
        if (quota.Outcome == QuotaOutcome.TooLarge)
        {
            return ChatEndpoint.WriteErrorAsync(context, 413,
                string.Create(CultureInfo.InvariantCulture,
                    $"Request too large {where}: Limit {quota.Limit}, Requested {quota.Requested}, please reduce your message size and try again."),
                "tokens", "rate_limit_exceeded");
        }

        if (quota.Policy!.SendRetryAfter)
        {
            EmulatorRequests.AddRetryAfter(context, quota.RetryAfter);
        }

        return ChatEndpoint.WriteErrorAsync(context, 429,
            string.Create(CultureInfo.InvariantCulture,
                $"Rate limit reached {where}: Limit {quota.Limit}, Used {quota.Used}, Requested {quota.Requested}. Please try again in {GoDurationText.Format(quota.RetryAfter)}."),
            quota.OnTokens ? "tokens" : "requests", "rate_limit_exceeded");
    }
}
