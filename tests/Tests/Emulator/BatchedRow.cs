using System.Text.Json;
using System.Text.Json.Serialization;

namespace PersonalizedLine.Tests.EmulatorTests;

/// <summary>One row of a batched chat request, as the product serializes it.</summary>
internal sealed record BatchedRow(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("lead")] IReadOnlyDictionary<string, string> Lead,
    [property: JsonPropertyName("research")] string Research)
{
    public static BatchedRow Of(string id, string firstName, string company) =>
        new(id, new Dictionary<string, string> { ["first_name"] = firstName, ["company"] = company }, $"{company} opened a new plant.");

    /// <summary>Instructions, then the rows as a JSON array on the last line.</summary>
    public static string UserMessage(IEnumerable<BatchedRow> rows) =>
        "Write one opening line for each lead below. Answer {\"lines\":[{\"id\":…,\"line\":…}]}.\n"
        // A line that starts with "[" before the array: only the last such line is the array.
        + "[rules] Keep the ids; one line per lead.\n"
        + JsonSerializer.Serialize(rows);
}
