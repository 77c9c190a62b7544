using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>A batch's <c>errors</c>: why it failed validation.</summary>
public sealed record BatchErrors
{
    [JsonPropertyName("data")]
    public IReadOnlyList<BatchErrorDetail>? Data { get; init; }
}
