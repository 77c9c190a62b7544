using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>One page of <c>GET files</c>, newest first.</summary>
public sealed record ProviderFileList
{
    [JsonPropertyName("data")]
    public IReadOnlyList<ProviderFile> Data { get; init; } = [];

    [JsonPropertyName("has_more")]
    public bool HasMore { get; init; }

    /// <summary>The cursor for the next page (<c>after</c>); providers that do not page leave it out.</summary>
    [JsonPropertyName("last_id")]
    public string? LastId { get; init; }
}
