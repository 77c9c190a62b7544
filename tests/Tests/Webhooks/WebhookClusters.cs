using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.TestingHost;
using PersonalizedLine.Grains.Webhooks;
using PersonalizedLine.Silo.Hosting;

namespace PersonalizedLine.Tests.Webhooks;

/// <summary>In-process clusters running the real webhook grain and sender, with backoffs and the reminder floor cut to seconds.</summary>
internal static class WebhookClusters
{
    public const string Secret = "whsec_test_0123456789abcdef";
    public const int MaxAttempts = 4;
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);

    /// <summary>The receivers run on 127.0.0.1, so private networks are allowed.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Webhook:Secret"] = Secret,
        ["Webhook:AllowPrivateNetworks"] = "true",
        ["Webhook:Timeout"] = AttemptTimeout.ToString(),
        ["Webhook:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Webhook:InitialBackoff"] = InitialBackoff.ToString(),
        ["Webhook:MaxBackoff"] = MaxBackoff.ToString(),
    };

    /// <param name="silos">Silos to start.</param>
    /// <param name="storage">Grain storage and reminders; in memory when null.</param>
    /// <param name="serviceId">The cluster's service id (storage rows are keyed by it).</param>
    public static async Task<InProcessTestCluster> StartAsync(short silos, Action<ISiloBuilder>? storage = null, string? serviceId = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        if (serviceId is not null)
        {
            builder.Options.ServiceId = serviceId;
        }

        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(Settings());
            host.Services.AddJobWebhooks();
        });
        builder.ConfigureSilo((_, silo) =>
        {
            if (storage is null)
            {
                silo.AddInMemoryStateAndReminders();
            }
            else
            {
                storage(silo);
            }

            // The default floor is a minute; the pending delivery's reminder then ticks every InitialBackoff.
            silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = InitialBackoff);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
