using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace PersonalizedLine.ProviderEmulator;

/// <summary>
/// <c>POST /v1/chat/completions</c> in the OpenAI wire format, with Groq-like rate-limit headers. A request with
/// <c>response_format</c> <c>json_object</c> is a batched one: one line per row of the JSON array its user message ends with.
/// </summary>
internal sealed class ChatEndpoint(EndpointBehavior behavior, EmulatorOptions options, EmulatorClock clock)
{
    private const int RequestsPerDay = 14_400;
    private const long UnquotedTokensPerMinute = 10_000_000;

    public async Task HandleAsync(HttpContext context)
    {
        var body = await EmulatorRequests.ReadBodyAsync(context).ConfigureAwait(false);
        var request = ChatRequest.Parse(body);
        var token = BearerToken(context);
        var authorized = IsAuthorized(token, options);
        // Groq admits a request on its prompt plus the most it may write, before it has written anything.
        QuotaCharge? charge = authorized ? new QuotaCharge(token!, request.PromptTokens + request.MaxTokens, CountsTokens: true) : null;
        var fault = behavior.Arrive(clock.Elapsed, request.UserMessage, body, string.IsNullOrEmpty(token) ? null : token, charge, out var record, out var quota);
        if (request.IsBatched)
        {
            behavior.CountBatched(request.Rows?.Count ?? 0);
        }

        try
        {
            if (quota.Rejected)
            {
                // Providers turn a request away at the door, without the time an answer takes.
                await ChatQuotaAnswers.WriteRejectionAsync(context, request.Model, quota).ConfigureAwait(false);
                return;
            }

            if (!await EmulatorRequests.WaitAsync(context, behavior, clock, fault).ConfigureAwait(false))
            {
                return;
            }

            if (!authorized)
            {
                await WriteInvalidKeyAsync(context).ConfigureAwait(false);
                return;
            }

            if (fault?.Kind == FaultKind.RateLimited)
            {
                EmulatorRequests.AddRateLimitHeaders(context, fault);
            }
            else if (quota.Outcome == QuotaOutcome.Admitted)
            {
                ChatQuotaAnswers.AddHeaders(context, quota);
            }
            else
            {
                AddUsageHeaders(context, record.Sequence);
            }

            EmulatorRequests.AddFaultHeaders(context, fault);

            var answer = ChatAnswers.Compose(request, string.Create(CultureInfo.InvariantCulture, $"chatcmpl-emulated-{record.Sequence}"),
                fault, behavior.Quota?.TokensPerWindow ?? ChatAnswers.DefaultTokensPerMinute);
            await JsonResponses.WriteAsync(context, answer.StatusCode, answer.ContentType, answer.Body).ConfigureAwait(false);
        }
        finally
        {
            behavior.Leave();
        }
    }

    /// <summary>The bearer token sent, or null.</summary>
    internal static string? BearerToken(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }

    /// <summary>Any non-blank token, or exactly <see cref="EmulatorOptions.LlmApiKey"/> when one is set.</summary>
    internal static bool IsAuthorized(string? token, EmulatorOptions options) =>
        !string.IsNullOrWhiteSpace(token) && (options.LlmApiKey is null || token == options.LlmApiKey);

    internal static Task WriteInvalidKeyAsync(HttpContext context) =>
        WriteErrorAsync(context, 401, "Invalid API Key", "invalid_request_error", "invalid_api_key");

    /// <summary>
    /// Groq's headers on an emulator with no quota: a generous plan, so that they never tell a client to hold back
    /// for a limit nothing enforces (a request carrying many rows would otherwise look bigger than what is left).
    /// </summary>
    private static void AddUsageHeaders(HttpContext context, long sequence)
    {
        var headers = context.Response.Headers;
        headers["x-ratelimit-limit-requests"] = RequestsPerDay.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-limit-tokens"] = UnquotedTokensPerMinute.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining-requests"] = Math.Max(0, RequestsPerDay - (sequence % RequestsPerDay)).ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining-tokens"] = (UnquotedTokensPerMinute - 120).ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset-requests"] = "2m59.56s";
        headers["x-ratelimit-reset-tokens"] = "7.66s";
    }

    internal static Task WriteErrorAsync(HttpContext context, int status, string message, string type, string? code) =>
        JsonResponses.WriteAsync(context, status, "application/json", OpenAiErrors.Body(message, type, code));
}
