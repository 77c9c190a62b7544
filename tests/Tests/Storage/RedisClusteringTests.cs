using System.Reflection;
using Microsoft.Extensions.Hosting;
using Orleans.Runtime;
using Orleans.TestingHost;
using PersonalizedLine.Tests.Support;
using StackExchange.Redis;

namespace PersonalizedLine.Tests.Storage;

/// <summary>Smoke test of the Redis fixture: Orleans membership through the real Redis clustering provider.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisClusteringTests(RedisServer redis)
{
    [Fact]
    public async Task TwoSilosUsingRedisMembershipFormOneCluster()
    {
        var builder = new InProcessTestClusterBuilder(2);
        UseRealMembership(builder.Options);
        builder.ConfigureSilo((_, silo) =>
            silo.UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redis.ConnectionString)));
        builder.ConfigureClient(client =>
            client.UseRedisClustering(options => options.ConfigurationOptions = ConfigurationOptions.Parse(redis.ConnectionString)));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();

        var hosts = await Eventually.ReturnsAsync(
            () => cluster.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true),
            found => found.Count == 2,
            TimeSpan.FromSeconds(30),
            "both silos to be active");

        Assert.Equal(
            cluster.Silos.Select(silo => silo.SiloAddress).OrderBy(address => address.ToString()),
            hosts.Keys.OrderBy(address => address.ToString()));
        Assert.All(hosts.Values, status => Assert.Equal(SiloStatus.Active, status));

        // The membership table really is in this Redis server.
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var keys = connection.GetServer(redis.ConnectionString).Keys(pattern: $"*{cluster.Options.ClusterId}*").ToList();
        Assert.NotEmpty(keys);
    }

    /// <summary>
    /// InProcessTestCluster registers its own in-memory membership table after the ConfigureSilo delegates run, so it
    /// would win over UseRedisClustering. The switch that turns it off is internal in 10.4.2 (public on the older
    /// TestClusterOptions), hence reflection; fail loudly if a later version renames it.
    /// </summary>
    private static void UseRealMembership(InProcessTestClusterOptions options)
    {
        var flag = typeof(InProcessTestClusterOptions).GetProperty(
            "UseTestClusterMembership", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("InProcessTestClusterOptions.UseTestClusterMembership no longer exists.");
        flag.SetValue(options, false);
    }
}
