using System.Text.Json;

namespace PersonalizedLine.Tests.EmulatorTests;

/// <summary>Batch input files (JSONL) of chat requests, as an OpenAI client writes them.</summary>
internal static class BatchInputFile
{
    /// <summary>One single-line chat request per custom id, the nth asking about lead n (see <see cref="EmulatorCalls.UserPrompt"/>).</summary>
    public static string OfSingles(params string[] customIds) =>
        Of(customIds.Select((id, i) => Line(id, SingleBody(i + 1))).ToArray());

    public static string Of(params string[] lines) => string.Join('\n', lines) + "\n";

    public static string Line(string customId, object body) =>
        JsonSerializer.Serialize(new { custom_id = customId, method = "POST", url = "/v1/chat/completions", body });

    public static object SingleBody(int n) => new
    {
        model = "llama-3.1-8b-instant",
        max_tokens = 100,
        messages = new object[]
        {
            new { role = "system", content = EmulatorCalls.SystemPrompt },
            new { role = "user", content = EmulatorCalls.UserPrompt(n) },
        },
    };

    public static object BatchedBody(params BatchedRow[] rows) => new
    {
        model = "llama-3.1-8b-instant",
        max_tokens = 400,
        response_format = new { type = "json_object" },
        messages = new object[]
        {
            new { role = "system", content = EmulatorCalls.SystemPrompt },
            new { role = "user", content = BatchedRow.UserMessage(rows) },
        },
    };
}
