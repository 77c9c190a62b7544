using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>Body of <c>POST chat/completions</c> (OpenAI wire format, snake_case).</summary>
/// <param name="ResponseFormat">JSON mode for requests that carry several rows; left out of single-row requests.</param>
public sealed record ChatCompletionRequest(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("messages")] IReadOnlyList<ChatMessage> Messages,
    [property: JsonPropertyName("temperature")] double Temperature,
    [property: JsonPropertyName("max_tokens")] int MaxTokens,
    [property: JsonPropertyName("response_format"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ChatResponseFormat? ResponseFormat = null)
{
    /// <summary>
    /// A line request as it is sent, online or in a provider batch file: a system and a user message. One shape for
    /// both, so a batch request is the very request the online path would send.
    /// </summary>
    public static ChatCompletionRequest ForLines(
        string model, string systemPrompt, string userPrompt, double temperature, int maxTokens, ChatResponseFormat? format = null) =>
        new(model, [new ChatMessage("system", systemPrompt), new ChatMessage("user", userPrompt)], temperature, maxTokens, format);
}
