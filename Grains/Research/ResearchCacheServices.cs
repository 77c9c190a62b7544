using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.Research;

/// <summary>The research cache's one entry point in a silo's services.</summary>
public static class ResearchCacheServices
{
    /// <summary>The key of the provider that really searches (Serper or offline), which only the cache shards use.</summary>
    public const string UncachedProviderKey = "uncached";

    /// <summary>
    /// Decorates the registered <see cref="IResearchProvider"/> with <see cref="ClusterCachedResearchProvider"/>:
    /// every consumer (the row processor) gets the cluster-wide cache, and the provider that really searches moves
    /// to a keyed registration that only <see cref="ResearchCacheShardGrain"/> asks for. Call after the providers are
    /// registered (<c>AddLeadProviders</c>).
    /// </summary>
    public static IServiceCollection AddClusterResearchCache(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IResearchProvider) && !d.IsKeyedService)
            ?? throw new InvalidOperationException("Register the research provider (AddLeadProviders) before the research cache.");
        services.Remove(registered);

        services.AddKeyedSingleton<IResearchProvider>(UncachedProviderKey, (sp, _) => Create(registered, sp));
        services.AddSingleton<IResearchProvider>(sp => new ClusterCachedResearchProvider(
            sp.GetRequiredKeyedService<IResearchProvider>(UncachedProviderKey),
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<IOptions<ResearchOptions>>(),
            sp.GetRequiredService<IOptions<SiloMessagingOptions>>()));
        return services;
    }

    private static IResearchProvider Create(ServiceDescriptor registered, IServiceProvider services) =>
        (IResearchProvider)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!));
}
