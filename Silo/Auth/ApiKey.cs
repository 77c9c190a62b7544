namespace PersonalizedLine.Silo.Auth;

/// <summary>An API key as stored: never the key itself, only its SHA-256 hash.</summary>
/// <param name="Id">Public, short; part of the key so the store finds the record without searching by secret.</param>
/// <param name="Tenant">Whose jobs the key reaches.</param>
/// <param name="IsAdmin">Whether it opens the admin pages (Dashboard, OpenAPI, API reference, metrics).</param>
/// <param name="Name">What the key is for, for people reading <c>keys list</c>.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="RevokedAt">When it was revoked; null while it works.</param>
/// <param name="Hash">SHA-256 of the whole key (UTF-8).</param>
public sealed record ApiKey(
    string Id, string Tenant, bool IsAdmin, string? Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, byte[] Hash)
{
    public bool IsRevoked => RevokedAt is not null;
}
