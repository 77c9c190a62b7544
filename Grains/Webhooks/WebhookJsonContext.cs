using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Webhooks;

/// <summary>Source-generated JSON for webhook bodies: camelCase, like the API's own answers.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(WebhookPayload))]
public sealed partial class WebhookJsonContext : JsonSerializerContext;
