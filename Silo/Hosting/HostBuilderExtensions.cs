using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace PersonalizedLine.Silo.Hosting;

public static class HostBuilderExtensions
{
    /// <summary>Hosts a silo in this process (a silo host, the command line, or the API with no cluster configured).</summary>
    public static IHostApplicationBuilder AddPersonalizedLineSilo(this IHostApplicationBuilder builder, bool withDashboard)
    {
        builder.Services.AddPersonalizedLineCore(builder.Configuration);
        builder.UseOrleans(silo => silo.ConfigurePersonalizedLineSilo(builder.Configuration, withDashboard));
        return builder;
    }

    /// <summary>
    /// For the API: with no cluster configured (embedded) it hosts its own silo; otherwise it is a pure client.
    /// Returns whether a silo runs in this process.
    /// </summary>
    public static bool AddPersonalizedLineSiloOrClient(this IHostApplicationBuilder builder)
    {
        var profile = builder.Configuration.GetSection(ClusterProfileOptions.SectionName).Get<ClusterProfileOptions>() ?? new();
        if (profile.Mode == ClusterMode.Embedded)
        {
            builder.AddPersonalizedLineSilo(withDashboard: true);
            return true;
        }

        builder.Services.AddPersonalizedLineCore(builder.Configuration);
        builder.UseOrleansClient(client => client.UseLocalhostClustering(
            [profile.EffectiveGatewayPort], profile.ServiceId, profile.ClusterId));
        return false;
    }
}
