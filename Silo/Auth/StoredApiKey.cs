using System.Text.Json.Serialization;

namespace PersonalizedLine.Silo.Auth;

/// <summary>One key in the key file: the hash in hex, never the key.</summary>
public sealed record StoredApiKey(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("tenant")] string Tenant,
    [property: JsonPropertyName("admin")] bool IsAdmin,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("createdAt")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("revokedAt")] DateTimeOffset? RevokedAt,
    [property: JsonPropertyName("sha256")] string Sha256)
{
    public static StoredApiKey From(ApiKey key) =>
        new(key.Id, key.Tenant, key.IsAdmin, key.Name, key.CreatedAt, key.RevokedAt, Convert.ToHexStringLower(key.Hash));

    public ApiKey ToApiKey() => new(Id, Tenant, IsAdmin, Name, CreatedAt, RevokedAt, Convert.FromHexString(Sha256));
}
