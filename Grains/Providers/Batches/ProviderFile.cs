using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>A file stored at the provider (OpenAI's file object): a batch's input, output or error file.</summary>
public sealed record ProviderFile
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    /// <summary>The name it was uploaded with; batch input files are found again by it.</summary>
    [JsonPropertyName("filename")]
    public string FileName { get; init; } = string.Empty;

    [JsonPropertyName("bytes")]
    public long Bytes { get; init; }

    /// <summary><c>batch</c> for input files, <c>batch_output</c> for what a batch writes.</summary>
    [JsonPropertyName("purpose")]
    public string Purpose { get; init; } = string.Empty;

    /// <summary>Unix time in seconds.</summary>
    [JsonPropertyName("created_at")]
    public long CreatedAt { get; init; }
}
