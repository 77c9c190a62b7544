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

    [Fact]
    public async Task The_providers_state_queries_find_a_row_by_index_among_many_not_by_scanning_the_table()
    {
        var database = NewDatabaseName();
        await server.CreateDatabaseAsync(database);
        await server.ApplySchemaAsync(database);
        // As many states as a large job leaves (chunks and one research entry per distinct company), with and without
        // a key extension.
        await ExecuteAsync(database, """
            INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, Version)
            SELECT g * 7919 % 2000000000, g % 3, 0, 5, 'research', CASE WHEN g % 2 = 0 THEN 'researchcache/' || g END, 'svc', '\x00', 1
              FROM generate_series(1, 100000) AS g;
            ANALYZE OrleansStorage;
            """);

        foreach (var key in new[] { "ReadFromStorageKey", "WriteToStorageKey", "DeleteStorageKey" })
        {
            var queryText = Assert.Single(await ListAsync(database, $"SELECT QueryText FROM OrleansQuery WHERE QueryKey = '{key}'"));
            var sql = key == "WriteToStorageKey"
                // The write is a function call: its statements are what must use the index.
                ? "UPDATE OrleansStorage AS s SET Version = s.Version + 1 WHERE s.GrainIdHash = @GrainIdHash AND s.GrainTypeHash = @GrainTypeHash AND s.ServiceId = @ServiceId AND s.GrainIdN0 = @GrainIdN0 AND s.GrainIdN1 = @GrainIdN1 AND s.GrainTypeString = @GrainTypeString AND s.GrainIdExtensionString IS NOT DISTINCT FROM @GrainIdExtensionString AND s.Version = @GrainStateVersion"
                : queryText;
            var plan = string.Join('\n', await ExplainAsync(database, sql));

            Assert.Contains("Index", plan);
            Assert.DoesNotContain("Seq Scan", plan);
        }

        var write = Assert.Single(await ListAsync(database, "SELECT prosrc FROM pg_proc WHERE proname = 'orleans_storage_write'"));
        Assert.Contains("s.GrainIdHash = p_grain_id_hash", write);
    }

    private async Task<List<string>> ExplainAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionStringFor(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        command.Parameters.AddWithValue("GrainIdHash", 4 * 7919);
        command.Parameters.AddWithValue("GrainTypeHash", 5);
        command.Parameters.AddWithValue("ServiceId", "svc");
        command.Parameters.AddWithValue("GrainIdN0", 1L);
        command.Parameters.AddWithValue("GrainIdN1", 0L);
        command.Parameters.AddWithValue("GrainTypeString", "research");
        command.Parameters.AddWithValue("GrainIdExtensionString", "researchcache/4");
        command.Parameters.AddWithValue("GrainStateVersion", 1);
        command.Parameters.AddWithValue("PayloadBinary", new byte[] { 0 });
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }

        return plan;
    }

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
