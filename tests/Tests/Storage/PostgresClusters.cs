using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using PersonalizedLine.Silo.Hosting;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Storage;

/// <summary>One-silo in-process clusters whose "jobs" grain storage (and optionally reminders) is the real PostgreSQL server, registered as the product registers it.</summary>
internal static class PostgresClusters
{
    /// <summary>
    /// Starts a cluster. State and reminder rows are keyed by service id, so a cluster started later with the same
    /// <paramref name="serviceId"/> sees what an earlier one wrote; a fresh id per test keeps tests apart.
    /// <paramref name="asEarlierVersions"/> registers the storage as earlier versions did: the ADO.NET provider with its
    /// default serializer, JSON.
    /// </summary>
    public static async Task<InProcessTestCluster> StartAsync(PostgresServer server, string serviceId, bool withReminders = false, bool asEarlierVersions = false)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSilo((_, silo) =>
        {
            if (asEarlierVersions)
            {
                silo.AddAdoNetGrainStorage("jobs", options =>
                {
                    options.Invariant = PostgresStorageExtensions.Invariant;
                    options.ConnectionString = server.ConnectionString;
                });
            }
            else
            {
                silo.AddPostgresGrainStorage("jobs", server.ConnectionString);
            }

            if (withReminders)
            {
                silo.UsePostgresReminders(server.ConnectionString);
                // The default minimum period is a minute; a test cannot wait that long for a second tick.
                silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            }
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public static string NewServiceId(string test) => $"{test}-{Guid.NewGuid():N}"[..(test.Length + 13)];
}
