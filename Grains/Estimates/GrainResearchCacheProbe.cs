using PersonalizedLine.Grains.Interfaces.Research;

namespace PersonalizedLine.Grains.Estimates;

/// <summary>Asks the cluster's research cache grain of the key.</summary>
public sealed class GrainResearchCacheProbe(IGrainFactory grains) : IResearchCacheProbe
{
    public Task<bool> IsCachedAsync(string key) => grains.GetGrain<IResearchCacheGrain>(key).IsCached();
}
