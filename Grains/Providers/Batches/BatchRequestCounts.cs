using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>A batch's <c>request_counts</c>: its requests, and how many have an answer or an error so far.</summary>
public sealed record BatchRequestCounts
{
    [JsonPropertyName("total")]
    public int Total { get; init; }

    [JsonPropertyName("completed")]
    public int Completed { get; init; }

    [JsonPropertyName("failed")]
    public int Failed { get; init; }
}
