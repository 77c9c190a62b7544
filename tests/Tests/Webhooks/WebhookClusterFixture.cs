using Orleans.TestingHost;

namespace PersonalizedLine.Tests.Webhooks;

/// <summary>Two silos with in-memory storage and reminders, shared by the webhook grain tests (each uses its own job id and receiver).</summary>
public sealed class WebhookClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync() => Cluster = await WebhookClusters.StartAsync(2);

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
