using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>Why a batched request got no answer at all, e.g. <c>batch_expired</c>.</summary>
public sealed record BatchOutputError
{
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
