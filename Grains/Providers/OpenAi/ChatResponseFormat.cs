using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary><c>response_format</c>: <c>{"type":"json_object"}</c> makes OpenAI-compatible models answer with valid JSON.</summary>
public sealed record ChatResponseFormat([property: JsonPropertyName("type")] string Type)
{
    public static ChatResponseFormat JsonObject { get; } = new("json_object");
}
