using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>The parts of a chat completion we read.</summary>
public sealed record ChatCompletionResponse
{
    [JsonPropertyName("choices")]
    public IReadOnlyList<ChatChoice>? Choices { get; init; }

    [JsonPropertyName("usage")]
    public ChatUsage? Usage { get; init; }
}
