using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>One page of <c>GET batches</c>, newest first.</summary>
public sealed record ProviderBatchList
{
    [JsonPropertyName("data")]
    public IReadOnlyList<ProviderBatch> Data { get; init; } = [];

    [JsonPropertyName("has_more")]
    public bool HasMore { get; init; }

    /// <summary>The cursor for the next page (<c>after</c>).</summary>
    [JsonPropertyName("last_id")]
    public string? LastId { get; init; }
}
