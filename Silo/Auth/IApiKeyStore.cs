namespace PersonalizedLine.Silo.Auth;

/// <summary>Where API keys are kept (hashes only). Implementations: <see cref="FileApiKeyStore"/>, <see cref="PostgresApiKeyStore"/>.</summary>
public interface IApiKeyStore
{
    Task AddAsync(ApiKey key, CancellationToken cancellationToken);

    /// <summary>Every key, revoked ones too, oldest first.</summary>
    Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken);

    Task<ApiKey?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Marks the key revoked; false when no key has this id. Revoking twice keeps the first time.</summary>
    Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken);
}
