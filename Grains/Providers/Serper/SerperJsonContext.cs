using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Source-generated JSON metadata for the Serper wire types (Refit 16's generated clients need one; reflection
/// JSON is off). Property names come from explicit attributes: Serper uses camelCase.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SerperSearchRequest))]
[JsonSerializable(typeof(SerperSearchResponse))]
public sealed partial class SerperJsonContext : JsonSerializerContext;
