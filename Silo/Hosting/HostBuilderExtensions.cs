using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using StackExchange.Redis;

namespace PersonalizedLine.Silo.Hosting;

public static class HostBuilderExtensions
{
    /// <summary>Hosts a silo in this process (a silo host, the command line, or the API with no cluster configured).</summary>
    public static IHostApplicationBuilder AddPersonalizedLineSilo(this IHostApplicationBuilder builder, bool withDashboard)
    {
        var profile = ClusterProfileOptions.From(builder.Configuration);
        builder.Services.AddPersonalizedLineCore(builder.Configuration);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = profile.ShutdownTimeout);
        builder.UseOrleans(silo => silo.ConfigurePersonalizedLineSilo(builder.Configuration, withDashboard));
        return builder;
    }

    /// <summary>
    /// For the API: with no cluster configured (embedded) it hosts its own silo; otherwise it is a pure client.
    /// Returns whether a silo runs in this process.
    /// </summary>
    public static bool AddPersonalizedLineSiloOrClient(this IHostApplicationBuilder builder)
    {
        var profile = ClusterProfileOptions.From(builder.Configuration);
        if (profile.Mode == ClusterMode.Embedded)
        {
            builder.AddPersonalizedLineSilo(withDashboard: true);
            return true;
        }

        builder.Services.AddPersonalizedLineCore(builder.Configuration, processesRows: false);
        builder.UseOrleansClient(client =>
        {
            if (SiloBuilderExtensions.TraceGrainCalls(builder.Configuration))
            {
                client.AddActivityPropagation();
            }

            if (profile.Mode == ClusterMode.Distributed)
            {
                var redis = ClusterConnections.ReadRedis(builder.Configuration);
                client.Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = profile.ClusterId;
                    options.ServiceId = profile.ServiceId;
                });
                client.UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redis));
            }
            else
            {
                client.UseLocalhostClustering([profile.EffectiveGatewayPort], profile.ServiceId, profile.ClusterId);
            }
        });
        return false;
    }
}
