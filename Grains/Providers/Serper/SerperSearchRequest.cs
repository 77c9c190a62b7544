using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>Body of Serper's <c>POST /search</c>.</summary>
public sealed record SerperSearchRequest(
    [property: JsonPropertyName("q")] string Query,
    [property: JsonPropertyName("gl")] string Country,
    [property: JsonPropertyName("hl")] string Language,
    [property: JsonPropertyName("num")] int Results);
