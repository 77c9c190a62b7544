using System.Net;
using Microsoft.Extensions.Configuration;
using Orleans.Dashboard;
using PersonalizedLine.Grains;

namespace PersonalizedLine.Silo.Hosting;

public static class SiloBuilderExtensions
{
    /// <summary>Clustering and storage for the configured profile; the dashboard when the host serves HTTP.</summary>
    public static ISiloBuilder ConfigurePersonalizedLineSilo(this ISiloBuilder silo, IConfiguration configuration, bool withDashboard)
    {
        var profile = configuration.GetSection(ClusterProfileOptions.SectionName).Get<ClusterProfileOptions>() ?? new();
        var siloPort = profile.EffectiveSiloPort;
        var primary = profile.Mode == ClusterMode.Embedded ? siloPort : profile.PrimarySiloPort;
        silo.UseLocalhostClustering(siloPort, profile.EffectiveGatewayPort,
            new IPEndPoint(IPAddress.Loopback, primary), profile.ServiceId, profile.ClusterId);

        silo.AddPersonalizedLineGrainStorage();
        if (withDashboard)
        {
            silo.AddDashboard();
        }

        return silo;
    }

    /// <summary>The grain storage providers the grains name (in memory for the embedded and localhost profiles).</summary>
    public static ISiloBuilder AddPersonalizedLineGrainStorage(this ISiloBuilder silo)
    {
        silo.AddMemoryGrainStorage(StorageNames.Jobs);
        silo.AddMemoryGrainStorage(StorageNames.Chunks);
        return silo;
    }
}
