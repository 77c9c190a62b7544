using System.Text.Json;

namespace PersonalizedLine.Tests.EmulatorTests;

/// <summary>Reads a batched chat answer: its message content, finish reason and <c>{"lines":[…]}</c> entries.</summary>
internal static class BatchedLines
{
    public static string Content(JsonElement completion) =>
        completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;

    public static string FinishReason(JsonElement completion) =>
        completion.GetProperty("choices")[0].GetProperty("finish_reason").GetString()!;

    public static IReadOnlyList<(string Id, string Line)> Of(JsonElement completion)
    {
        using var content = JsonDocument.Parse(Content(completion));
        return content.RootElement.GetProperty("lines").EnumerateArray()
            .Select(l => (l.GetProperty("id").GetString()!, l.GetProperty("line").GetString()!))
            .ToList();
    }

    public static string Expected(string name, string company) =>
        $"Hi {name}, I saw what {company} is up to and had a quick idea for you.";
}
