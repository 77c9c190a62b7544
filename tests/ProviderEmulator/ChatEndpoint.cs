using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PersonalizedLine.ProviderEmulator;

/// <summary><c>POST /v1/chat/completions</c> in the OpenAI wire format, with Groq-like rate-limit headers.</summary>
internal sealed class ChatEndpoint(EndpointBehavior behavior, EmulatorOptions options, EmulatorClock clock)
{
    private const int RequestsPerDay = 14_400;
    private const int TokensPerMinute = 6_000;
    private const string GarbageBody = "upstream connect error or disconnect/reset before headers. reset reason: overflow";

    public async Task HandleAsync(HttpContext context)
    {
        var body = await EmulatorRequests.ReadBodyAsync(context).ConfigureAwait(false);
        var request = Parse(body);
        var authorization = context.Request.Headers.Authorization.ToString();
        var token = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
        var authorized = !string.IsNullOrWhiteSpace(token) && (options.LlmApiKey is null || token == options.LlmApiKey);
        // Groq admits a request on its prompt plus the most it may write, before it has written anything.
        QuotaCharge? charge = authorized ? new QuotaCharge(token!, request.PromptTokens + request.MaxTokens, CountsTokens: true) : null;
        var fault = behavior.Arrive(clock.Elapsed, request.UserMessage, body, string.IsNullOrEmpty(token) ? null : token, charge, out var record, out var quota);
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
                await WriteErrorAsync(context, 401, "Invalid API Key", "invalid_request_error", "invalid_api_key").ConfigureAwait(false);
                return;
            }

            if (fault?.Kind != FaultKind.RateLimited)
            {
                if (quota.Outcome == QuotaOutcome.Admitted)
                {
                    ChatQuotaAnswers.AddHeaders(context, quota);
                }
                else
                {
                    AddUsageHeaders(context, record.Sequence);
                }
            }

            await AnswerAsync(context, request, record.Sequence, fault, behavior.Quota?.TokensPerWindow ?? TokensPerMinute).ConfigureAwait(false);
        }
        finally
        {
            behavior.Leave();
        }
    }

    private static Task AnswerAsync(HttpContext context, ChatRequest request, long sequence, Fault? fault, long tokensPerMinute)
    {
        switch (fault?.Kind)
        {
            case FaultKind.Status:
                return fault.Body is null
                    ? WriteErrorAsync(context, fault.StatusCode, $"Emulated failure {fault.StatusCode}.", "server_error", null)
                    : JsonResponses.WriteRawAsync(context, fault.StatusCode, "application/json", fault.Body);
            case FaultKind.RateLimited:
                EmulatorRequests.AddRateLimitHeaders(context, fault);
                var wait = fault.RetryAfter?.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) ?? fault.GroqResetHeader ?? "a moment";
                return WriteErrorAsync(context, 429,
                    $"Rate limit reached for model `{request.Model}` on tokens per minute (TPM): Limit {tokensPerMinute}. Please try again in {wait}.",
                    "tokens", "rate_limit_exceeded");
            case FaultKind.Garbage:
                return JsonResponses.WriteRawAsync(context, 200, "application/json", GarbageBody);
            case FaultKind.EmptyContent:
                return WriteCompletionAsync(context, request, sequence, string.Empty);
            case FaultKind.Content:
                return WriteCompletionAsync(context, request, sequence, fault.Text!);
            default:
                return WriteCompletionAsync(context, request, sequence, DefaultAnswers.LineFor(request.UserMessage));
        }
    }

    private static Task WriteCompletionAsync(HttpContext context, ChatRequest request, long sequence, string content)
    {
        var promptTokens = request.PromptTokens;
        var completionTokens = DefaultAnswers.Tokens(content);
        return JsonResponses.WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"chatcmpl-emulated-{sequence}"));
            w.WriteString("object", "chat.completion");
            w.WriteNumber("created", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            w.WriteString("model", request.Model);
            w.WriteStartArray("choices");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            w.WriteStartObject("message");
            w.WriteString("role", "assistant");
            w.WriteString("content", content);
            w.WriteEndObject();
            w.WriteString("finish_reason", "stop");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("usage");
            w.WriteNumber("prompt_tokens", promptTokens);
            w.WriteNumber("completion_tokens", completionTokens);
            w.WriteNumber("total_tokens", promptTokens + completionTokens);
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    private static void AddUsageHeaders(HttpContext context, long sequence)
    {
        var headers = context.Response.Headers;
        headers["x-ratelimit-limit-requests"] = RequestsPerDay.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-limit-tokens"] = TokensPerMinute.ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining-requests"] = Math.Max(0, RequestsPerDay - (sequence % RequestsPerDay)).ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-remaining-tokens"] = (TokensPerMinute - 120).ToString(CultureInfo.InvariantCulture);
        headers["x-ratelimit-reset-requests"] = "2m59.56s";
        headers["x-ratelimit-reset-tokens"] = "7.66s";
    }

    internal static Task WriteErrorAsync(HttpContext context, int status, string message, string type, string? code) =>
        JsonResponses.WriteJsonAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("message", message);
            w.WriteString("type", type);
            if (code is null)
            {
                w.WriteNull("code");
            }
            else
            {
                w.WriteString("code", code);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });

    private static ChatRequest Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            string? system = null, user = null;
            if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
            {
                foreach (var message in messages.EnumerateArray())
                {
                    var role = EmulatorRequests.GetString(message, "role");
                    var content = EmulatorRequests.GetString(message, "content");
                    if (role == "system")
                    {
                        system ??= content;
                    }
                    else if (role == "user")
                    {
                        user = content;
                    }
                }
            }

            return new ChatRequest(EmulatorRequests.GetString(root, "model") ?? "unknown-model", system ?? string.Empty, user ?? string.Empty,
                GetCount(root, "max_tokens") ?? GetCount(root, "max_completion_tokens") ?? 0);
        }
        catch (JsonException)
        {
            return new ChatRequest("unknown-model", string.Empty, string.Empty, 0);
        }
    }

    private static long? GetCount(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt64(out var count) && count >= 0
            ? count
            : null;

    private sealed record ChatRequest(string Model, string SystemMessage, string UserMessage, long MaxTokens)
    {
        /// <summary>The emulator's own count, the same it reports as <c>usage.prompt_tokens</c>.</summary>
        public int PromptTokens => DefaultAnswers.Tokens(SystemMessage) + DefaultAnswers.Tokens(UserMessage);
    }
}
