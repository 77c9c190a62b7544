using PersonalizedLine.Grains.Interfaces.Research;
using PersonalizedLine.Grains.Research;

namespace PersonalizedLine.Grains.Estimates;

/// <summary>Asks the cluster's research cache grain of the key.</summary>
public sealed class GrainResearchCacheProbe(IGrainFactory grains) : IResearchCacheProbe
{
    public Task<bool> IsCachedAsync(string key) => grains.GetGrain<IResearchCacheShardGrain>(ResearchCacheKey.ShardOf(key)).IsCached(key);
}
