using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>Source-generated JSON metadata for the Files and Batches API wire types (snake_case, pinned by attributes).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ProviderFile))]
[JsonSerializable(typeof(ProviderFileList))]
[JsonSerializable(typeof(FileDeletion))]
[JsonSerializable(typeof(ProviderBatch))]
[JsonSerializable(typeof(ProviderBatchList))]
[JsonSerializable(typeof(CreateBatchRequest))]
[JsonSerializable(typeof(BatchOutputLine))]
public sealed partial class BatchJsonContext : JsonSerializerContext;
