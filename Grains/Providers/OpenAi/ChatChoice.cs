using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>One completion choice; we ask for one and read the first.</summary>
public sealed record ChatChoice
{
    [JsonPropertyName("message")]
    public ChatMessage? Message { get; init; }

    [JsonPropertyName("finish_reason")]
    public string? FinishReason { get; init; }
}
