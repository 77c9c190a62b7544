using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>Token usage as reported by the provider.</summary>
public sealed record ChatUsage
{
    [JsonPropertyName("prompt_tokens")]
    public int PromptTokens { get; init; }

    [JsonPropertyName("completion_tokens")]
    public int CompletionTokens { get; init; }

    [JsonPropertyName("total_tokens")]
    public int TotalTokens { get; init; }
}
