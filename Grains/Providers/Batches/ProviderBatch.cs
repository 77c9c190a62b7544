using System.Globalization;
using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// A batch at the provider (OpenAI's batch object). The status stays a string (see <see cref="ProviderBatchStatusNames"/>) so a
/// status a provider adds later is carried, not lost; the helpers below say what it means for the caller.
/// </summary>
public sealed record ProviderBatch
{
    [JsonPropertyName("id")]
    public string Id { get; init; } = string.Empty;

    [JsonPropertyName("status")]
    public string Status { get; init; } = string.Empty;

    [JsonPropertyName("input_file_id")]
    public string InputFileId { get; init; } = string.Empty;

    /// <summary>The answered requests; set once the batch has finished with any answer (also when expired or cancelled).</summary>
    [JsonPropertyName("output_file_id")]
    public string? OutputFileId { get; init; }

    /// <summary>The requests that failed or were never run; set once the batch has finished with any.</summary>
    [JsonPropertyName("error_file_id")]
    public string? ErrorFileId { get; init; }

    [JsonPropertyName("completion_window")]
    public string? CompletionWindow { get; init; }

    [JsonPropertyName("request_counts")]
    public BatchRequestCounts? RequestCounts { get; init; }

    [JsonPropertyName("errors")]
    public BatchErrors? Errors { get; init; }

    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Unix time in seconds.</summary>
    [JsonPropertyName("created_at")]
    public long CreatedAt { get; init; }

    /// <summary>Requests in the batch (0 until the provider has counted them).</summary>
    [JsonIgnore]
    public int TotalRequests => RequestCounts?.Total ?? 0;

    /// <summary>Requests answered successfully so far.</summary>
    [JsonIgnore]
    public int CompletedRequests => RequestCounts?.Completed ?? 0;

    /// <summary>Requests that failed so far.</summary>
    [JsonIgnore]
    public int FailedRequests => RequestCounts?.Failed ?? 0;

    /// <summary>True once the status will not change again: completed, failed, expired or cancelled.</summary>
    [JsonIgnore]
    public bool IsFinished => Status is ProviderBatchStatusNames.Completed or ProviderBatchStatusNames.Failed
        or ProviderBatchStatusNames.Expired or ProviderBatchStatusNames.Cancelled;

    /// <summary>
    /// True when it finished without running all its requests: failed (validation, nothing ran), expired or cancelled.
    /// An expired or cancelled batch still has files with the requests it did run: read them before retrying the rest.
    /// </summary>
    [JsonIgnore]
    public bool IsTerminalFailure => Status is ProviderBatchStatusNames.Failed or ProviderBatchStatusNames.Expired or ProviderBatchStatusNames.Cancelled;

    /// <summary>The first validation error as one line (code, message and input line), or null when there is none.</summary>
    [JsonIgnore]
    public string? FirstErrorMessage => Errors?.Data is [var first, ..]
        ? string.Join(' ', new[]
            {
                first.Code is null ? null : first.Code + ":",
                first.Message,
                first.Line is { } line ? string.Create(CultureInfo.InvariantCulture, $"(line {line})") : null,
            }.Where(part => !string.IsNullOrWhiteSpace(part)))
        : null;
}
