using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PersonalizedLine.Silo.Auth;

namespace PersonalizedLine.Tests.Auth;

/// <summary>What every key store must do; each store's test class runs these against a real store.</summary>
public abstract class ApiKeyStoreContract
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    protected abstract IApiKeyStore Store { get; }

    /// <summary>Everything the store holds, as text, to look for the raw key in.</summary>
    protected abstract Task<string> RawContentsAsync();

    [Fact]
    public async Task OnlyTheKeysSha256IsStoredAndTheKeyVerifies()
    {
        var (record, key) = await Issuer().CreateAsync("acme", isAdmin: true, "ci", default);

        Assert.Matches("^pl_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$", key);
        var stored = await Store.FindAsync(record.Id, default);
        Assert.NotNull(stored);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(key)), stored.Hash);
        Assert.Equal(("acme", true, "ci", _clock.GetUtcNow()), (stored.Tenant, stored.IsAdmin, stored.Name, stored.CreatedAt));
        var contents = await RawContentsAsync();
        Assert.Contains(record.Id, contents);
        Assert.DoesNotContain(key, contents);
        Assert.DoesNotContain(key.Split('_', 3)[2], contents); // the secret part (base64url may itself hold '_')
        Assert.Equal(record.Id, (await Verifier(TimeSpan.Zero).VerifyAsync(key, default))?.Id);
    }

    [Fact]
    public async Task AWrongSecretUnderARealIdAndMalformedKeysAreRefused()
    {
        var (record, key) = await Issuer().CreateAsync("acme", false, null, default);
        var verifier = Verifier(TimeSpan.Zero);

        var lastChar = key[^1] == 'A' ? 'B' : 'A';
        Assert.Null(await verifier.VerifyAsync(key[..^1] + lastChar, default));
        Assert.Null(await verifier.VerifyAsync($"pl_{record.Id}_", default));
        Assert.Null(await verifier.VerifyAsync(key.ToUpperInvariant(), default));
        Assert.Null(await verifier.VerifyAsync("Bearer", default));
    }

    [Fact]
    public async Task ARevokedKeyIsRefusedOnceTheCacheTtlHasPassed()
    {
        var issuer = Issuer();
        var (record, key) = await issuer.CreateAsync("globex", false, null, default);
        var verifier = Verifier(TimeSpan.FromSeconds(5));
        Assert.NotNull(await verifier.VerifyAsync(key, default));

        Assert.True(await issuer.RevokeAsync(record.Id, default));

        Assert.NotNull(await verifier.VerifyAsync(key, default)); // still cached
        _clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Null(await verifier.VerifyAsync(key, default));
        Assert.Null(await Verifier(TimeSpan.Zero).VerifyAsync(key, default));
        var listed = (await issuer.ListAsync(default)).Single(k => k.Id == record.Id);
        Assert.Equal(_clock.GetUtcNow() - TimeSpan.FromSeconds(6), listed.RevokedAt);
    }

    [Fact]
    public async Task ListingShowsEveryKeyAndRevokingAnUnknownIdChangesNothing()
    {
        var issuer = Issuer();
        var first = await issuer.CreateAsync("list-a", false, "one", default);
        var second = await issuer.CreateAsync("list-b", true, "two", default);

        var listed = await issuer.ListAsync(default);

        Assert.Contains(listed, key => key.Id == first.Record.Id && key.Tenant == "list-a" && !key.IsAdmin && key.RevokedAt is null);
        Assert.Contains(listed, key => key.Id == second.Record.Id && key.Tenant == "list-b" && key.IsAdmin);
        Assert.False(await issuer.RevokeAsync("000000000000", default));
        var after = await issuer.ListAsync(default);
        Assert.Equal(listed.Select(key => (key.Id, key.RevokedAt)), after.Select(key => (key.Id, key.RevokedAt)));
    }

    [Fact]
    public async Task ABadTenantNameIsRefusedWithTheRule()
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Issuer().CreateAsync("Acme Corp", false, null, default));

        Assert.Contains("lower-case letters, digits and '-'", refused.Message);
    }

    private ApiKeyIssuer Issuer() => new(Store, _clock);

    private ApiKeyVerifier Verifier(TimeSpan ttl) => new(Store, Options.Create(new AuthOptions { KeyCacheTtl = ttl }), _clock);
}
