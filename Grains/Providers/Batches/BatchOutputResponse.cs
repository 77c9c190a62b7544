using System.Text.Json;
using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>The HTTP answer a batched request got: a chat completion, or an OpenAI error body for a status of 400 or more.</summary>
public sealed record BatchOutputResponse
{
    [JsonPropertyName("status_code")]
    public int StatusCode { get; init; }

    [JsonPropertyName("request_id")]
    public string? RequestId { get; init; }

    /// <summary>Kept as JSON: what it holds depends on the status.</summary>
    [JsonPropertyName("body")]
    public JsonElement Body { get; init; }
}
