using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>One organic search result.</summary>
public sealed record SerperOrganicResult
{
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    [JsonPropertyName("link")]
    public string? Link { get; init; }

    [JsonPropertyName("snippet")]
    public string? Snippet { get; init; }

    [JsonPropertyName("position")]
    public int? Position { get; init; }
}
