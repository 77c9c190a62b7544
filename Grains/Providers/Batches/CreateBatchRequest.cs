using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>Body of <c>POST batches</c>.</summary>
public sealed record CreateBatchRequest(
    [property: JsonPropertyName("input_file_id")] string InputFileId,
    [property: JsonPropertyName("endpoint")] string Endpoint,
    [property: JsonPropertyName("completion_window")] string CompletionWindow,
    [property: JsonPropertyName("metadata"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Metadata);
