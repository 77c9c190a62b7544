using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PersonalizedLine.Silo.Auth;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Auth;

/// <summary>
/// The API with <c>Auth__Mode=ApiKeys</c>, keys in a key file of its own (no cache, so a revocation shows at once), two
/// tenants (acme, globex), an admin, a revoked key, and tenants with one small limit each (burst, rows, slots).
/// </summary>
public sealed class AuthApiFixture : IAsyncLifetime
{
    public const int BurstSubmitsPerMinute = 2;
    public const long RowsPerDay = 50;

    private WebApplicationFactory<Program> _factory = null!;
    private ProviderEmulator.ProviderEmulator _emulator = null!;

    public string Directory { get; } = ServerProcess.CreateTempDirectory("plauth");

    public string KeyFile => Path.Combine(Directory, "api-keys.json");

    public string AcmeKey { get; private set; } = null!;

    public string GlobexKey { get; private set; } = null!;

    public string AdminKey { get; private set; } = null!;

    public string RevokedKey { get; private set; } = null!;

    public IServiceProvider Services => _factory.Services;

    public async Task InitializeAsync()
    {
        var issuer = new ApiKeyIssuer(new FileApiKeyStore(KeyFile), TimeProvider.System);
        AcmeKey = (await issuer.CreateAsync("acme", false, "acme uploads", default)).Key;
        GlobexKey = (await issuer.CreateAsync("globex", false, null, default)).Key;
        AdminKey = (await issuer.CreateAsync("ops", true, "admin", default)).Key;
        var revoked = await issuer.CreateAsync("acme", false, "revoked", default);
        await issuer.RevokeAsync(revoked.Record.Id, default);
        RevokedKey = revoked.Key;

        _emulator = await ProviderEmulator.ProviderEmulator.StartAsync();
        var settings = PipelineSettings.For(_emulator, maxConcurrentRowsPerSilo: 50);
        settings["Auth:Mode"] = "ApiKeys";
        settings["Auth:KeyFile"] = KeyFile;
        settings["Storage:Path"] = Path.Combine(Directory, "data");
        settings["Auth:KeyCacheTtl"] = "00:00:00";
        settings["Quotas:Tenants:burst:SubmitsPerMinute"] = BurstSubmitsPerMinute.ToString();
        settings["Quotas:Tenants:rows:RowsPerDay"] = RowsPerDay.ToString();
        settings["Quotas:Tenants:slots:ConcurrentJobs"] = "1";
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
    }

    /// <summary>A client sending <paramref name="key"/> as a bearer token (null: no key at all).</summary>
    public HttpClient Client(string? key)
    {
        var client = _factory.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    /// <summary>A key for one of the quota tenants, made for the test that uses it.</summary>
    public async Task<string> KeyForAsync(string tenant) =>
        (await new ApiKeyIssuer(new FileApiKeyStore(KeyFile), TimeProvider.System).CreateAsync(tenant, false, null, default)).Key;

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _emulator.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
