using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>Serper's direct answer box, present for some queries.</summary>
public sealed record SerperAnswerBox
{
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("answer")]
    public string? Answer { get; init; }

    [JsonPropertyName("snippet")]
    public string? Snippet { get; init; }
}
