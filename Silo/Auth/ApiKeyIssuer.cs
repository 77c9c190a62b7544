using PersonalizedLine.Grains.Interfaces.JobIndex;

namespace PersonalizedLine.Silo.Auth;

/// <summary>Creates and revokes keys (the command line's <c>keys</c> verbs). The key itself is returned once and never stored.</summary>
public sealed class ApiKeyIssuer(IApiKeyStore store, TimeProvider clock)
{
    public const int MaxNameLength = 200;

    /// <summary>A new key for <paramref name="tenant"/>: the stored record and the key to hand to its user.</summary>
    /// <exception cref="ArgumentException">The tenant or name breaks the rules; the message says which.</exception>
    public async Task<(ApiKey Record, string Key)> CreateAsync(string tenant, bool isAdmin, string? name, CancellationToken cancellationToken)
    {
        if (!Tenants.IsValidName(tenant))
        {
            throw new ArgumentException($"The tenant '{tenant}' is not a valid name: use {Tenants.NameRule}, e.g. --tenant acme.");
        }

        if (name is { Length: > MaxNameLength })
        {
            throw new ArgumentException($"The key's name is over {MaxNameLength} characters; shorten it.");
        }

        var (id, key) = ApiKeySecret.Generate();
        var record = new ApiKey(id, tenant, isAdmin, string.IsNullOrWhiteSpace(name) ? null : name, clock.GetUtcNow(), null, ApiKeySecret.Hash(key));
        await store.AddAsync(record, cancellationToken);
        return (record, key);
    }

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    public Task<bool> RevokeAsync(string id, CancellationToken cancellationToken) => store.RevokeAsync(id, clock.GetUtcNow(), cancellationToken);
}
