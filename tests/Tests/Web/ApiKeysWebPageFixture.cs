using PersonalizedLine.Silo.Auth;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Web;

/// <summary>
/// The web page's server with <c>Auth__Mode=ApiKeys</c> for real: keys in a key file of its own holding one tenant's
/// key and an admin key, and no key cache, so every call is checked against the store.
/// </summary>
public sealed class ApiKeysWebPageFixture : WebPageFixture
{
    private readonly string _directory = ServerProcess.CreateTempDirectory("plwebkeys");

    /// <summary>The key of tenant <c>acme</c>.</summary>
    public string TenantKey { get; private set; } = null!;

    /// <summary>An admin key, for the API reference.</summary>
    public string AdminKey { get; private set; } = null!;

    protected override async Task ConfigureAsync(IDictionary<string, string?> settings)
    {
        var keyFile = Path.Combine(_directory, "api-keys.json");
        var issuer = new ApiKeyIssuer(new FileApiKeyStore(keyFile), TimeProvider.System);
        TenantKey = (await issuer.CreateAsync("acme", false, "web page", CancellationToken.None)).Key;
        AdminKey = (await issuer.CreateAsync("ops", true, "API reference", CancellationToken.None)).Key;
        settings["Auth:Mode"] = "ApiKeys";
        settings["Auth:KeyFile"] = keyFile;
        settings["Auth:KeyCacheTtl"] = "00:00:00";
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
