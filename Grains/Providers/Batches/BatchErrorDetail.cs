using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>One reason a batch failed validation, e.g. a malformed input line.</summary>
public sealed record BatchErrorDetail
{
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>The input file's line (1-based) the error is about, when it is about one.</summary>
    [JsonPropertyName("line")]
    public int? Line { get; init; }
}
