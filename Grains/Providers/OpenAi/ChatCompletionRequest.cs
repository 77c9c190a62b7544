using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>Body of <c>POST chat/completions</c> (OpenAI wire format, snake_case).</summary>
public sealed record ChatCompletionRequest(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("messages")] IReadOnlyList<ChatMessage> Messages,
    [property: JsonPropertyName("temperature")] double Temperature,
    [property: JsonPropertyName("max_tokens")] int MaxTokens);
