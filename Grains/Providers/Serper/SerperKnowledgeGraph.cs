using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>Serper's knowledge panel: the best single description of a company when Google has one.</summary>
public sealed record SerperKnowledgeGraph
{
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("website")]
    public string? Website { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }
}
