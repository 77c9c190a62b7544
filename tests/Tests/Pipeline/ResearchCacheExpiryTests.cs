using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Research;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.Research;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Pipeline;

[Collection(ShortResearchTtlCollection.Name)]
public sealed class ResearchCacheExpiryTests(ShortResearchTtlSilo silo)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AResultOlderThanTheCacheTtlIsSearchedAgain()
    {
        silo.Emulator.Reset();
        var company = $"Expiring{Guid.NewGuid():N}";
        var csv = LeadFiles.Csv(1, _ => company);
        var request = new JobRequest("leads.csv", ResearchQueryTemplate: "{company}");
        var options = silo.Cluster.Silos[0].ServiceProvider.GetRequiredService<IOptions<ResearchOptions>>().Value;
        var key = ResearchCacheKey.For(company, options);
        var shard = silo.Client.GetGrain<IResearchCacheShardGrain>(ResearchCacheKey.ShardOf(key));

        var (first, _) = await silo.RunAsync(csv, Deadline, request);
        Assert.Equal(1, first.Usage.SearchCalls);
        Assert.True(await shard.IsCached(key));

        await Eventually.ReturnsAsync(() => shard.IsCached(key), cached => !cached,
            ShortResearchTtlSilo.CacheTtl + TimeSpan.FromSeconds(10), "the stored research to expire");
        var (second, output) = await silo.RunAsync(csv, Deadline, request);

        output.AssertAllOk();
        Assert.Equal(2, silo.Emulator.Search.TotalRequests);
        Assert.Equal((1, 0), (second.Usage.SearchCalls, second.Usage.CachedSearches));
        Assert.True(await shard.IsCached(key));
    }
}
