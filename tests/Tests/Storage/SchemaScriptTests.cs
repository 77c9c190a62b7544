using Npgsql;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class SchemaScriptTests(PostgresServer server)
{
    /// <summary>Every key the 10.4.2 storage and reminder providers look up in OrleansQuery, and nothing else.</summary>
    public static readonly string[] ProviderQueryKeys =
    [
        "ClearStorageKey",
        "DeleteReminderRowKey",
        "DeleteReminderRowsKey",
        "DeleteStorageKey",
        "ReadFromStorageKey",
        "ReadRangeRows1Key",
        "ReadRangeRows2Key",
        "ReadReminderRowKey",
        "ReadReminderRowsKey",
        "UpsertReminderRowKey",
        "WriteToStorageKey",
    ];

    [Fact]
    public async Task DbSchemaCreatesTheDatabaseThenAppliesAgainWithoutErrorAndRegistersEveryProviderQuery()
    {
        var database = NewDatabaseName();

        var first = await RunDbSchemaAsync(server.UrlFor(database));
        var second = await RunDbSchemaAsync(server.UrlFor(database));

        Assert.Contains($"created database '{database}'", first);
        Assert.Contains($"database '{database}' exists", second);
        Assert.Contains("11 queries", second);
        Assert.Equal(ProviderQueryKeys, await QueryKeysAsync(database));
        Assert.Equal(
            ["orleansquery", "orleansreminderstable", "orleansstorage"],
            await ListAsync(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"));
    }

    [Fact]
    public async Task DbSchemaReadsTheStandardPgEnvironmentVariablesWhenGivenNoUrl()
    {
        var database = NewDatabaseName();
        var environment = new Dictionary<string, string>
        {
            ["PGHOST"] = "127.0.0.1",
            ["PGPORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGUSER"] = PostgresServer.Superuser,
            ["PGDATABASE"] = database,
        };

        var output = await RunDbSchemaAsync(null, environment);

        Assert.Contains($"created database '{database}'", output);
        Assert.Equal(ProviderQueryKeys, await QueryKeysAsync(database));
    }

    [Fact]
    public async Task ReapplyingTheSchemaKeepsStoredRowsAndRestoresEditedOrMissingQueries()
    {
        var database = NewDatabaseName();
        await server.CreateDatabaseAsync(database);
        await server.ApplySchemaAsync(database);
        await ExecuteAsync(database, """
            SELECT orleans_storage_write(1, 0, 0, 2, 'sometype', NULL, 'svc', NULL, '\x7b7d'::bytea);
            INSERT INTO OrleansRemindersTable VALUES ('svc', 'grain/1', 'r', now(), 60000, 5, 0);
            UPDATE OrleansQuery SET QueryText = 'broken' WHERE QueryKey = 'ReadFromStorageKey';
            DELETE FROM OrleansQuery WHERE QueryKey = 'DeleteReminderRowsKey';
            """);

        await server.ApplySchemaAsync(database);

        Assert.Equal(["1 {}"], await ListAsync(database, "SELECT Version || ' ' || convert_from(PayloadBinary, 'UTF8') FROM OrleansStorage"));
        Assert.Equal(["grain/1 60000"], await ListAsync(database, "SELECT GrainId || ' ' || Period FROM OrleansRemindersTable"));
        Assert.Equal(ProviderQueryKeys, await QueryKeysAsync(database));
        Assert.Equal([], await ListAsync(database, "SELECT QueryKey FROM OrleansQuery WHERE QueryText = 'broken'"));
    }

    [Fact]
    public async Task TheStorageWriteFunctionAnswersAConflictForADuplicateInsertOrAStaleVersion()
    {
        var database = NewDatabaseName();
        await server.CreateDatabaseAsync(database);
        await server.ApplySchemaAsync(database);
        const string Write = "SELECT coalesce(NewGrainStateVersion::text, 'null') FROM orleans_storage_write(1, 0, 0, 2, 'type', 'ext', 'svc', {0}, '\\x01'::bytea)";

        Assert.Equal(["1"], await ListAsync(database, string.Format(Write, "NULL")));     // first insert
        Assert.Equal(["null"], await ListAsync(database, string.Format(Write, "NULL")));  // second insert: conflict
        Assert.Equal(["2"], await ListAsync(database, string.Format(Write, "1")));        // update from version 1
        Assert.Equal(["1"], await ListAsync(database, string.Format(Write, "1")));        // stale version: unchanged = conflict
        Assert.Equal(["2"], await ListAsync(database, "SELECT Version::text FROM OrleansStorage"));
    }

    private static string NewDatabaseName() => $"schema_{Guid.NewGuid():N}"[..19];

    private async Task<string> RunDbSchemaAsync(string? url, Dictionary<string, string>? environment = null)
    {
        environment ??= [];
        // psql from the same PostgreSQL installation as the server, whether or not it is on PATH.
        environment["PATH"] = server.BinDirectory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        string[] arguments = url is null ? [RepositoryFiles.PathOf("scripts/db-schema")] : [RepositoryFiles.PathOf("scripts/db-schema"), url];
        return await ServerProcess.RunCheckedAsync("bash", arguments, TimeSpan.FromSeconds(60), environment);
    }

    private Task<List<string>> QueryKeysAsync(string database) =>
        ListAsync(database, "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey COLLATE \"C\"");

    private async Task<List<string>> ListAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionStringFor(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionStringFor(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
