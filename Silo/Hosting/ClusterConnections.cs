using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace PersonalizedLine.Silo.Hosting;

/// <summary>The connection strings of the distributed profile, checked before anything starts.</summary>
public sealed record ClusterConnections(string Redis, string Postgres)
{
    /// <summary>
    /// Npgsql pools 100 connections per process by default; PostgreSQL allows 100 in all, so two silos would
    /// exhaust it. Unless the connection string says otherwise, each silo keeps at most this many.
    /// </summary>
    public const int DefaultPostgresPoolSize = 20;

    /// <summary>Statements each connection keeps prepared on the server (see <see cref="WithDefaults"/>).</summary>
    public const int AutoPreparedStatements = 16;

    /// <summary>Both connection strings, for a silo.</summary>
    public static ClusterConnections Read(IConfiguration configuration) => Read(configuration, needsPostgres: true);

    /// <summary>Only Redis is required: a client finds the gateways there and never touches grain state.</summary>
    public static string ReadRedis(IConfiguration configuration) => Read(configuration, needsPostgres: false).Redis;

    private static ClusterConnections Read(IConfiguration configuration, bool needsPostgres)
    {
        var redis = configuration.GetConnectionString("Redis");
        var postgres = configuration.GetConnectionString("Postgres");
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(redis))
        {
            missing.Add("ConnectionStrings__Redis (e.g. 127.0.0.1:6379)");
        }

        if (needsPostgres && string.IsNullOrWhiteSpace(postgres))
        {
            missing.Add("ConnectionStrings__Postgres (e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=personalizedline)");
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Cluster__Mode=Distributed needs {string.Join(" and ", missing)}. Set them, or use Cluster__Mode=Embedded for a single process.");
        }

        return new ClusterConnections(redis!, string.IsNullOrWhiteSpace(postgres) ? string.Empty : WithDefaults(postgres));
    }

    /// <summary>
    /// The pool limit above, and statements prepared on the server once a connection has run them a few times (Npgsql's
    /// automatic preparation): the storage and reminder providers send the same few texts on every call, and in the
    /// 3-silo benchmark PostgreSQL spent a third of its CPU parsing and planning them again. A pooler that cannot keep
    /// prepared statements (PgBouncer in transaction mode before 1.21) needs <c>Max Auto Prepare=0</c> in the string.
    /// Connections go back to the pool without Npgsql's reset (<c>No Reset On Close</c>): with prepared statements kept,
    /// that reset is a <c>RESET ALL</c> and five more commands before every next use of a pooled connection, and the
    /// silos leave no session state behind (their locks and settings are the transaction's own).
    /// What the connection string says itself is kept.
    /// </summary>
    private static string WithDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Says(connectionString, nameof(NpgsqlConnectionStringBuilder.MaxPoolSize), "Maximum Pool Size"))
        {
            builder.MaxPoolSize = DefaultPostgresPoolSize;
        }

        if (!Says(connectionString, nameof(NpgsqlConnectionStringBuilder.MaxAutoPrepare)))
        {
            builder.MaxAutoPrepare = AutoPreparedStatements;
        }

        if (!Says(connectionString, nameof(NpgsqlConnectionStringBuilder.NoResetOnClose), "No Reset On Close"))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// Whether the connection string names the setting itself (in any case, with or without spaces): Npgsql's own
    /// builder answers every setting it knows as present, given or not.
    /// </summary>
    private static bool Says(string connectionString, params string[] names)
    {
        static string Bare(string name) => name.Replace(" ", string.Empty, StringComparison.Ordinal);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.Keys.Cast<string>().Any(key => names.Any(name => string.Equals(Bare(key), Bare(name), StringComparison.OrdinalIgnoreCase)));
    }
}
