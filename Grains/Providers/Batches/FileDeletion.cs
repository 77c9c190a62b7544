using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>Answer of <c>DELETE files/{id}</c>.</summary>
public sealed record FileDeletion
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    [JsonPropertyName("deleted")]
    public bool Deleted { get; init; }
}
