using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PersonalizedLine.Silo.Auth;

/// <summary>
/// Checks a presented key: finds its record by the id inside it, compares SHA-256 hashes in constant time, refuses a
/// revoked key. Records found are kept for <see cref="AuthOptions.KeyCacheTtl"/>, so a busy API does not ask the store
/// on every request, and a revocation takes effect within that time. Keys not found are not cached (an unknown id
/// cannot fill memory).
/// </summary>
public sealed class ApiKeyVerifier(IApiKeyStore store, IOptions<AuthOptions> options, TimeProvider clock)
{
    private const int MaxCachedKeys = 10_000;

    private readonly ConcurrentDictionary<string, (ApiKey Key, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    /// <summary>The key's record when the key is valid and not revoked; otherwise null.</summary>
    public async Task<ApiKey?> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        if (ApiKeySecret.IdOf(presented) is not { } id)
        {
            return null;
        }

        var record = await FindAsync(id, cancellationToken);
        return record is { IsRevoked: false } && ApiKeySecret.Matches(presented, record) ? record : null;
    }

    private async Task<ApiKey?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var ttl = options.Value.KeyCacheTtl;
        var now = clock.GetUtcNow();
        if (ttl > TimeSpan.Zero && _cache.TryGetValue(id, out var cached) && cached.Until > now)
        {
            return cached.Key;
        }

        var record = await store.FindAsync(id, cancellationToken);
        if (record is not null && ttl > TimeSpan.Zero)
        {
            if (_cache.Count >= MaxCachedKeys)
            {
                _cache.Clear();
            }

            _cache[id] = (record, now + ttl);
        }

        return record;
    }
}
