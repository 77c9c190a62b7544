using System.Globalization;
using System.Text;

namespace PersonalizedLine.ProviderEmulator;

/// <summary>
/// The chat completion the emulator answers for a request and its scripted fault. The HTTP endpoint and the batch
/// worker both answer through here, so a request gets the same answer online and inside a batch.
/// </summary>
internal static class ChatAnswers
{
    /// <summary>The token limit named in a scripted 429 when no quota sets one (Groq's free tier).</summary>
    public const long DefaultTokensPerMinute = 6_000;

    private const string GarbageBody = "upstream connect error or disconnect/reset before headers. reset reason: overflow";

    /// <param name="tokensPerMinute">The limit a scripted 429 message names.</param>
    public static ChatAnswer Compose(ChatRequest request, string completionId, Fault? fault, long tokensPerMinute)
    {
        switch (fault?.Kind)
        {
            case FaultKind.Status:
                return fault.Body is null
                    ? Error(fault.StatusCode, $"Emulated failure {fault.StatusCode}.", "server_error", null)
                    : new ChatAnswer(fault.StatusCode, "application/json", Encoding.UTF8.GetBytes(fault.Body));
            case FaultKind.RateLimited:
                var wait = fault.RetryAfter?.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) ?? fault.GroqResetHeader ?? "a moment";
                return Error(429,
                    $"Rate limit reached for model `{request.Model}` on tokens per minute (TPM): Limit {tokensPerMinute}. Please try again in {wait}.",
                    "tokens", "rate_limit_exceeded");
            case FaultKind.Garbage:
                return new ChatAnswer(200, "application/json", Encoding.UTF8.GetBytes(GarbageBody));
        }

        if (request.IsBatched && request.Rows is null)
        {
            return Error(400, request.RowsError!, "invalid_request_error", null);
        }

        switch (fault?.Kind)
        {
            case FaultKind.EmptyContent:
                return Completion(request, completionId, string.Empty, "stop");
            case FaultKind.Content:
                return Completion(request, completionId, fault.Text!, "stop");
        }

        if (request.Rows is { } rows)
        {
            var (content, finishReason) = BatchedCompletion.Compose(rows, fault?.Kind);
            return Completion(request, completionId, content, finishReason);
        }

        // A batch fault drawn by a single-line request leaves it alone.
        return Completion(request, completionId, DefaultAnswers.LineFor(request.UserMessage), "stop");
    }

    public static ChatAnswer Error(int status, string message, string type, string? code) =>
        new(status, "application/json", OpenAiErrors.Body(message, type, code));

    private static ChatAnswer Completion(ChatRequest request, string completionId, string content, string finishReason)
    {
        var promptTokens = request.PromptTokens;
        var completionTokens = DefaultAnswers.Tokens(content);
        return new ChatAnswer(200, "application/json", JsonResponses.Serialize(w =>
        {
            w.WriteStartObject();
            w.WriteString("id", completionId);
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
            w.WriteString("finish_reason", finishReason);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("usage");
            w.WriteNumber("prompt_tokens", promptTokens);
            w.WriteNumber("completion_tokens", completionTokens);
            w.WriteNumber("total_tokens", promptTokens + completionTokens);
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }
}
