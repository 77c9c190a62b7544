using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;
using PersonalizedLine.Grains;
using PersonalizedLine.Silo.Hosting;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Storage;

/// <summary>
/// In-process clusters running the real grains, as the product registers them, on the real PostgreSQL server: every
/// grain storage and the reminders in its tables (AddPostgresGrainStorage, UsePostgresReminders), the providers being
/// the emulator. Job reminders tick every second, so a job's lifecycle runs on test time.
/// </summary>
internal static class PostgresJobClusters
{
    public const string WebhookSecret = "whsec_postgres_0123456789";

    public static async Task<InProcessTestCluster> StartAsync(
        PostgresServer server, ProviderEmulator.ProviderEmulator emulator, string serviceId, short silos = 2,
        IReadOnlyDictionary<string, string?>? overrides = null, int maxConcurrentRowsPerSilo = 20)
    {
        var settings = PipelineSettings.For(emulator, maxConcurrentRowsPerSilo);
        settings["Processing:ResumeInterval"] = "00:00:01";
        settings["Processing:PendingRowRetryInterval"] = "00:00:01";
        settings["Webhook:Secret"] = WebhookSecret;
        settings["Webhook:AllowPrivateNetworks"] = "true";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(settings);
            host.Services.AddPersonalizedLineCore(host.Configuration);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            foreach (var storage in StorageNames.All)
            {
                silo.AddPostgresGrainStorage(storage, server.ConnectionString);
            }

            silo.UsePostgresReminders(server.ConnectionString);
            // The product lowers the one-minute floor to Processing__ResumeInterval the same way.
            silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
