using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Source-generated JSON metadata for the chat completions wire types. The wire is snake_case; names are pinned
/// by attributes and the policy below covers anything added without one.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ChatCompletionRequest))]
[JsonSerializable(typeof(ChatCompletionResponse))]
public sealed partial class OpenAiJsonContext : JsonSerializerContext;
