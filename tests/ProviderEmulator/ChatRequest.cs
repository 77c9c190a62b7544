using System.Text.Json;

namespace PersonalizedLine.ProviderEmulator;

/// <summary>What the emulator reads from a chat completion request body.</summary>
/// <param name="Rows">Batched requests: the rows in order, or null when <paramref name="RowsError"/> says why not.</param>
internal sealed record ChatRequest(
    string Model,
    string SystemMessage,
    string UserMessage,
    long MaxTokens,
    bool IsBatched,
    IReadOnlyList<BatchedRow>? Rows,
    string? RowsError)
{
    /// <summary>The emulator's own count, the same it reports as <c>usage.prompt_tokens</c>.</summary>
    public int PromptTokens => DefaultAnswers.Tokens(SystemMessage) + DefaultAnswers.Tokens(UserMessage);

    /// <summary>Never throws: a body that is not JSON reads as an empty single request.</summary>
    public static ChatRequest Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return From(document.RootElement);
        }
        catch (JsonException)
        {
            return new ChatRequest("unknown-model", string.Empty, string.Empty, 0, false, null, null);
        }
    }

    public static ChatRequest From(JsonElement root)
    {
        string? system = null, user = null;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
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

        user ??= string.Empty;
        var batched = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("response_format", out var format)
            && EmulatorRequests.GetString(format, "type") == "json_object";
        string? rowsError = null;
        var rows = batched ? BatchedRows.Read(user, out rowsError) : null;
        return new ChatRequest(EmulatorRequests.GetString(root, "model") ?? "unknown-model", system ?? string.Empty, user,
            GetCount(root, "max_tokens") ?? GetCount(root, "max_completion_tokens") ?? 0, batched, rows, rowsError);
    }

    private static long? GetCount(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt64(out var count) && count >= 0
            ? count
            : null;
}
