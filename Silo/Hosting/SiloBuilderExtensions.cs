using System.Net;
using Microsoft.Extensions.Configuration;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;
using PersonalizedLine.Grains;
using PersonalizedLine.Grains.Processing;
using PersonalizedLine.Grains.Telemetry;
using PersonalizedLine.Silo.Storage;
using StackExchange.Redis;

namespace PersonalizedLine.Silo.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>Clustering, storage and reminders for the configured profile; the dashboard when the host serves HTTP.</summary>
    public static ISiloBuilder ConfigurePersonalizedLineSilo(this ISiloBuilder silo, IConfiguration configuration, bool withDashboard)
    {
        var profile = ClusterProfileOptions.From(configuration);
        if (profile.Mode == ClusterMode.Distributed)
        {
            silo.UseDistributedProfile(profile, ClusterConnections.Read(configuration));
        }
        else
        {
            var siloPort = profile.EffectiveSiloPort;
            var primary = profile.Mode == ClusterMode.Embedded ? siloPort : profile.PrimarySiloPort;
            silo.UseLocalhostClustering(siloPort, profile.EffectiveGatewayPort,
                new IPEndPoint(IPAddress.Loopback, primary), profile.ServiceId, profile.ClusterId);
            silo.AddLocalStateAndReminders(profile.Mode, configuration);
        }

        // A job's resume reminder may tick faster than Orleans' one-minute floor when configured so (tests, demos).
        var resume = configuration.GetSection(ProcessingOptions.SectionName).Get<ProcessingOptions>()?.ResumeInterval ?? TimeSpan.FromMinutes(1);
        silo.Configure<ReminderOptions>(options =>
            options.MinimumReminderPeriod = resume < options.MinimumReminderPeriod ? resume : options.MinimumReminderPeriod);

        // A grain whose storage is unreachable (PostgreSQL down) fails with an Npgsql exception inside Orleans' own. Orleans
        // only serializes exceptions of namespaces it knows: without this the silo cannot send that failure back, and the
        // caller gets a codec error instead of a storage failure it can answer 503 to.
        silo.Services.Configure<ExceptionSerializationOptions>(options => options.SupportedNamespacePrefixes.Add("Npgsql"));

        if (!string.IsNullOrWhiteSpace(profile.SiloName))
        {
            silo.Configure<SiloOptions>(options => options.SiloName = profile.SiloName);
        }

        if (withDashboard)
        {
            silo.AddDashboard();
        }

        if (TraceGrainCalls(configuration))
        {
            silo.AddActivityPropagation();
        }

        return silo;
    }

    /// <summary>Whether grain calls carry the caller's trace (<c>Telemetry__TraceGrainCalls</c>); the silo and its clients agree on it.</summary>
    internal static bool TraceGrainCalls(IConfiguration configuration) =>
        configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>()?.TraceGrainCalls ?? false;


    /// <summary>
    /// The embedded profile keeps state and reminders on disk (<c>Storage__Path</c>) unless <c>Storage__Mode=Memory</c>;
    /// the localhost profile's silos keep them in memory, as its several processes cannot share one SQLite file's jobs.
    /// </summary>
    private static void AddLocalStateAndReminders(this ISiloBuilder silo, ClusterMode mode, IConfiguration configuration)
    {
        if (mode != ClusterMode.Embedded)
        {
            silo.AddInMemoryStateAndReminders();
            return;
        }

        silo.Services.AddStorageOptions();
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new();
        if (storage.Mode == StorageMode.Memory)
        {
            silo.AddInMemoryStateAndReminders();
        }
        else
        {
            silo.AddDiskStateAndReminders();

            // With state on disk an idle activation is only a cache of it: finished chunks and the like leave memory after
            // a couple of minutes (Orleans keeps them 15) and are read back if asked again, so memory follows the rows in
            // flight rather than the size of the file. Grains with their own limit (the research cache) keep it.
            silo.Configure<GrainCollectionOptions>(options =>
            {
                options.CollectionAge = TimeSpan.FromMinutes(2);
                options.CollectionQuantum = TimeSpan.FromSeconds(30);
            });

            // In one process every grain is local, so the cache of where grains live only saves a local lookup; at its
            // default size (a million entries, one per row and research entry called) it grows with the file.
            silo.Configure<GrainDirectoryOptions>(options => options.CacheSize = 10_000);
        }
    }

    /// <summary>The grain storage the grains name and the reminder service, in memory (localhost profile, <c>Storage__Mode=Memory</c>, tests).</summary>
    /// <remarks>
    /// A cleared state drops its payload at once: the memory provider has no option here, and keeps only a null marker
    /// under the grain's key until the process ends.
    /// </remarks>
    public static ISiloBuilder AddInMemoryStateAndReminders(this ISiloBuilder silo)
    {
        foreach (var storage in StorageNames.All)
        {
            silo.AddMemoryGrainStorage(storage);
        }

        silo.UseInMemoryReminderService();
        return silo;
    }

    /// <summary>Redis membership, PostgreSQL grain state and reminders (the schema is <c>sql/postgresql-orleans.sql</c>).</summary>
    private static void UseDistributedProfile(this ISiloBuilder silo, ClusterProfileOptions profile, ClusterConnections connections)
    {
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = profile.ClusterId;
            options.ServiceId = profile.ServiceId;
        });
        silo.UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(connections.Redis));
        if (profile.Kubernetes)
        {
            // Pod name and IP become the silo's name and address; dead pods' silos are declared dead at once.
            silo.UseKubernetesHosting();
        }
        else
        {
            // Advertise an explicit address: the machine's default one is not what a loopback cluster listens on.
            var advertised = IPAddress.Parse(profile.AdvertisedAddress);
            silo.ConfigureEndpoints(advertised, profile.EffectiveSiloPort, profile.EffectiveGatewayPort,
                listenOnAnyHostAddress: !IPAddress.IsLoopback(advertised));
        }

        // One generic table (OrleansStorage) holds every provider's state, keyed by grain type and id.
        foreach (var storage in StorageNames.All)
        {
            silo.AddPostgresGrainStorage(storage, connections.Postgres);
        }

        silo.UsePostgresReminders(connections.Postgres);
    }
}
