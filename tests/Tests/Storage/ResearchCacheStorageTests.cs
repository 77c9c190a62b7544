using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.TestingHost;
using PersonalizedLine.Grains;
using PersonalizedLine.Grains.Interfaces.Research;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.Research;
using PersonalizedLine.Silo.Hosting;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Storage;

/// <summary>The research cache's state through the real ADO.NET provider and the project's schema, as the distributed profile keeps it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ResearchCacheStorageTests(PostgresServer server)
{
    private const string Query = "Acme   acme.example";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ResearchStoredByOneClusterIsServedByANewClusterOnTheSameDatabaseWithoutASearch()
    {
        await using var emulator = await ProviderEmulator.ProviderEmulator.StartAsync();
        var serviceId = PostgresClusters.NewServiceId("research");
        string key;
        ResearchLookup searched;
        await using (var first = await StartAsync(emulator, serviceId))
        {
            var options = first.Silos[0].ServiceProvider.GetRequiredService<IOptions<ResearchOptions>>().Value;
            key = ResearchCacheKey.For(Query, options);
            searched = await LookUpAsync(first.Client.GetGrain<IResearchCacheShardGrain>(ResearchCacheKey.ShardOf(key)), key);
        }

        await using var second = await StartAsync(emulator, serviceId);
        var shard = second.Client.GetGrain<IResearchCacheShardGrain>(ResearchCacheKey.ShardOf(key));
        Assert.True(await shard.IsCached(key));
        var reused = await LookUpAsync(shard, key);

        Assert.Equal((ResearchLookupStatus.Found, false, true), (searched.Status, searched.FromCache, searched.SearchedForCaller));
        Assert.Equal((ResearchLookupStatus.Found, true, false), (reused.Status, reused.FromCache, reused.SearchedForCaller));
        Assert.Equal(searched.Summary, reused.Summary);
        Assert.Equal(1, emulator.Search.TotalRequests);
        // Orleans' binary form, whose strings are UTF-8 inside it.
        var stored = Assert.Single(await PayloadsAsync(serviceId, key));
        Assert.False(BinaryStateSerializer.IsJson(stored));
        var payload = Encoding.UTF8.GetString(stored);
        Assert.Contains(Query, payload);
        Assert.Contains(searched.Summary, payload);
    }

    private async Task<InProcessTestCluster> StartAsync(ProviderEmulator.ProviderEmulator emulator, string serviceId)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(PipelineSettings.For(emulator, maxConcurrentRowsPerSilo: 4));
            host.Services.AddPersonalizedLineCore(host.Configuration);
        });
        builder.ConfigureSilo((_, silo) => silo.AddPostgresGrainStorage(StorageNames.Research, server.ConnectionString));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private static Task<ResearchLookup> LookUpAsync(IResearchCacheShardGrain shard, string key) =>
        Eventually.ReturnsAsync(
            () => shard.Lookup(key, Query, refreshedSince: null, TimeSpan.FromSeconds(1), Guid.NewGuid()),
            lookup => lookup.Status != ResearchLookupStatus.Pending,
            Deadline,
            "the research");

    private async Task<List<byte[]>> PayloadsAsync(string serviceId, string key)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT PayloadBinary FROM OrleansStorage WHERE ServiceId = @serviceId AND GrainIdExtensionString = @key", connection);
        command.Parameters.AddWithValue("serviceId", serviceId);
        command.Parameters.AddWithValue("key", key);
        await using var reader = await command.ExecuteReaderAsync();
        var payloads = new List<byte[]>();
        while (await reader.ReadAsync())
        {
            payloads.Add((byte[])reader[0]);
        }

        return payloads;
    }
}
