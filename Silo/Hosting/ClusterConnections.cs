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

        return new ClusterConnections(redis!, string.IsNullOrWhiteSpace(postgres) ? string.Empty : WithPoolLimit(postgres));
    }

    private static string WithPoolLimit(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxPoolSize = DefaultPostgresPoolSize;
        }

        return builder.ConnectionString;
    }
}
