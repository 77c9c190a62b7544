using Microsoft.Extensions.Configuration;
using Npgsql;
using PersonalizedLine.Silo.Hosting;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Storage;

/// <summary>What the silos add to <c>ConnectionStrings__Postgres</c>, checked on a real server's sessions.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterConnectionDefaultsTests(PostgresServer server)
{
    /// <summary>More than the uses after which Npgsql prepares a statement (its Auto Prepare Min Usages, 5 by default).</summary>
    private const int Runs = 8;

    [Fact]
    public async Task A_statement_a_silo_runs_again_is_prepared_on_the_server_and_the_pool_is_bounded()
    {
        var connectionString = SiloConnectionString(server.ConnectionString);

        Assert.Equal(ClusterConnections.DefaultPostgresPoolSize, new NpgsqlConnectionStringBuilder(connectionString).MaxPoolSize);
        Assert.Equal(1L, await PreparedAfterRunsAsync(connectionString));
    }

    [Fact]
    public async Task What_the_connection_string_says_itself_is_kept()
    {
        var own = $"{server.ConnectionString};max auto prepare=0;MaxPoolSize=7";

        var connectionString = SiloConnectionString(own);

        Assert.Equal(7, new NpgsqlConnectionStringBuilder(connectionString).MaxPoolSize);
        Assert.Equal(0L, await PreparedAfterRunsAsync(connectionString));
    }

    [Fact]
    public async Task A_pooled_connection_is_reused_without_a_reset_unless_the_string_asks_for_one()
    {
        // One connection per pool, so the second open gets the same session back.
        var silo = SiloConnectionString($"{server.ConnectionString};MaxPoolSize=1;Application Name=no-reset");
        var resetting = SiloConnectionString($"{server.ConnectionString};MaxPoolSize=1;Application Name=reset;No Reset On Close=false");

        Assert.True(new NpgsqlConnectionStringBuilder(silo).NoResetOnClose);
        Assert.Equal("1234ms", await SettingAfterReuseAsync(silo));
        Assert.Equal("0", await SettingAfterReuseAsync(resetting));
    }

    private static string SiloConnectionString(string postgres) =>
        ClusterConnections.Read(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = "127.0.0.1:6379",
            ["ConnectionStrings:Postgres"] = postgres,
        }).Build()).Postgres;

    /// <summary>Changes a session setting on a pooled connection, closes it, and reads the setting on the next open.</summary>
    private static async Task<string> SettingAfterReuseAsync(string connectionString)
    {
        await using (var first = new NpgsqlConnection(connectionString))
        {
            await first.OpenAsync();
            await using var set = new NpgsqlCommand("SET statement_timeout = 1234", first);
            await set.ExecuteNonQueryAsync();
        }

        await using var second = new NpgsqlConnection(connectionString);
        await second.OpenAsync();
        await using var show = new NpgsqlCommand("SHOW statement_timeout", second);
        return (string)(await show.ExecuteScalarAsync())!;
    }

    /// <summary>Runs one parameterized read <see cref="Runs"/> times on a connection, then counts that session's prepared statements for it.</summary>
    private static async Task<long> PreparedAfterRunsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        for (var run = 0; run < Runs; run++)
        {
            await using var read = new NpgsqlCommand("SELECT count(*) FROM pg_class WHERE relname = @name", connection);
            read.Parameters.AddWithValue("name", "pg_class");
            Assert.Equal(1L, await read.ExecuteScalarAsync());
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%relname = $1%'", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
