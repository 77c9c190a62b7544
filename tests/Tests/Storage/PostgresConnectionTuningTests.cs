using Npgsql;
using PersonalizedLine.Silo.Hosting;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Storage;

/// <summary>What the silos add to the PostgreSQL connection string, checked on a real server's sessions.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresConnectionTuningTests(PostgresServer server)
{
    /// <summary>More than the uses after which Npgsql prepares a statement (its Auto Prepare Min Usages, 5 by default).</summary>
    private const int Runs = 8;
    private const string ReadSql = "SELECT count(*) FROM pg_class WHERE relname = @name";

    [Fact]
    public async Task Research_cache_connections_commit_without_waiting_for_the_disk_and_state_connections_keep_the_servers_setting()
    {
        // The test server runs with the setting off for speed: a database of its own with durable commits shows the difference.
        var database = $"tuning_{Guid.NewGuid():N}";
        await server.CreateDatabaseAsync(database);
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await using var durable = new NpgsqlCommand($"ALTER DATABASE {database} SET synchronous_commit = on", admin);
            await durable.ExecuteNonQueryAsync();
        }

        var connectionString = server.ConnectionStringFor(database);
        Assert.Equal("off", await ShowAsync(PostgresConnectionTuning.ForCache(connectionString), "synchronous_commit"));
        Assert.Equal("on", await ShowAsync(PostgresConnectionTuning.ForState(connectionString), "synchronous_commit"));
    }

    [Fact]
    public async Task A_statement_run_again_on_a_connection_is_prepared_on_the_server()
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionTuning.ForState(server.ConnectionString));
        await connection.OpenAsync();
        for (var run = 0; run < Runs; run++)
        {
            await using var read = new NpgsqlCommand(ReadSql, connection);
            read.Parameters.AddWithValue("name", "pg_class");
            Assert.Equal(1L, await read.ExecuteScalarAsync());
        }

        Assert.Equal(1L, await PreparedCountAsync(connection));
    }

    [Fact]
    public async Task What_the_connection_string_already_says_is_kept()
    {
        var own = new NpgsqlConnectionStringBuilder(server.ConnectionString)
        {
            MaxAutoPrepare = 0,
            Options = "-c synchronous_commit=local -c statement_timeout=60000",
        }.ConnectionString;

        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionTuning.ForCache(own));

        Assert.Equal(0, tuned.MaxAutoPrepare);
        Assert.Equal("-c synchronous_commit=local -c statement_timeout=60000", tuned.Options);
        Assert.Equal("local", await ShowAsync(tuned.ConnectionString, "synchronous_commit"));
        await using var connection = new NpgsqlConnection(tuned.ConnectionString);
        await connection.OpenAsync();
        for (var run = 0; run < Runs; run++)
        {
            await using var read = new NpgsqlCommand(ReadSql, connection);
            read.Parameters.AddWithValue("name", "pg_class");
            await read.ExecuteScalarAsync();
        }

        Assert.Equal(0L, await PreparedCountAsync(connection));
    }

    private static async Task<string?> ShowAsync(string connectionString, string setting)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var show = new NpgsqlCommand($"SHOW {setting}", connection);
        return (string?)await show.ExecuteScalarAsync();
    }

    private static async Task<long> PreparedCountAsync(NpgsqlConnection connection)
    {
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%relname = $1%'", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
