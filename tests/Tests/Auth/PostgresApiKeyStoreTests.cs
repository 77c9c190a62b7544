using Microsoft.Extensions.Configuration;
using Npgsql;
using PersonalizedLine.Silo.Auth;
using PersonalizedLine.Tests.Storage;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Auth;

/// <summary>The cluster profile's store, on a real PostgreSQL server: the table is created on first use.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresApiKeyStoreTests(PostgresServer server) : ApiKeyStoreContract, IAsyncLifetime
{
    private readonly PostgresApiKeyStore _store = new(server.ConnectionString);

    protected override IApiKeyStore Store => _store;

    protected override async Task<string> RawContentsAsync()
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT string_agg(id || tenant || is_admin::text || coalesce(name, '') || encode(sha256, 'escape') || encode(sha256, 'hex') || encode(sha256, 'base64'), '|') FROM {PostgresApiKeyStore.Table}",
            connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task TheStoreTheApiPicksWithAPostgresConnectionStringIsTheTable()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Postgres"] = server.ConnectionString })
            .Build();

        var store = ApiKeyStoreFactory.Create(new AuthOptions(), configuration);
        var (record, _) = await new ApiKeyIssuer(store, TimeProvider.System).CreateAsync("factory", false, null, default);

        Assert.IsType<PostgresApiKeyStore>(store);
        Assert.Equal("factory", (await _store.FindAsync(record.Id, default))?.Tenant);
        Assert.IsType<FileApiKeyStore>(ApiKeyStoreFactory.Create(new AuthOptions(), new ConfigurationBuilder().Build()));
        await ((IAsyncDisposable)store).DisposeAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _store.DisposeAsync().AsTask();
}
