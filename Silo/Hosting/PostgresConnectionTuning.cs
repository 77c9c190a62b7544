using System.Data.Common;
using Npgsql;

namespace PersonalizedLine.Silo.Hosting;

/// <summary>
/// What the silos add to <c>ConnectionStrings__Postgres</c> for their grain state, unless the connection string
/// already says otherwise. Measured in the 3-silo benchmark (docs/BENCHMARKS.md): PostgreSQL spent a third of its CPU
/// parsing and planning the same few statements again on every call, and a tenth waiting for the WAL to reach disk
/// at each research cache commit.
/// </summary>
public static class PostgresConnectionTuning
{
    /// <summary>
    /// Statements a connection prepares on the server once it has run them twice (Npgsql's automatic preparation): the
    /// providers send the same read, write and delete texts on every call. A pooler that cannot keep prepared
    /// statements (PgBouncer in transaction mode before 1.21) needs <c>Max Auto Prepare=0</c> in the connection string.
    /// </summary>
    public const int AutoPreparedStatements = 16;

    /// <summary>Grain state (jobs, chunks) and reminders: statements prepared, commits durable as configured on the server.</summary>
    public static string ForState(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Says(connectionString, nameof(NpgsqlConnectionStringBuilder.MaxAutoPrepare)))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// The research cache: as <see cref="ForState"/>, and its commits do not wait for the WAL to reach disk
    /// (<c>synchronous_commit=off</c>). A database crash can lose the last fraction of a second of cached searches,
    /// which are then searched again; the database itself stays consistent, and jobs and chunks keep durable commits.
    /// </summary>
    public static string ForCache(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(ForState(connectionString));
        var options = builder.Options ?? string.Empty;
        if (!options.Contains("synchronous_commit", StringComparison.OrdinalIgnoreCase))
        {
            builder.Options = (options + " -c synchronous_commit=off").Trim();
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// Whether the connection string names the setting itself, written with or without spaces: Npgsql's own builder
    /// answers every setting it knows as present, given or not.
    /// </summary>
    private static bool Says(string connectionString, string setting)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.Keys.Cast<string>().Any(key => string.Equals(key.Replace(" ", string.Empty, StringComparison.Ordinal), setting, StringComparison.OrdinalIgnoreCase));
    }
}
