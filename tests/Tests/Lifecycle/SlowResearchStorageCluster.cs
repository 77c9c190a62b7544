using PersonalizedLine.Tests.Pipeline;
using PersonalizedLine.Tests.Support.StorageFaults;

namespace PersonalizedLine.Tests.Lifecycle;

/// <summary>
/// Storage whose writes a test can hold (a slow database), and Orleans' default response timeout, so a research lookup
/// waits on its search as long as it does in production (10 s) before asking again.
/// </summary>
public sealed class SlowResearchStorageCluster() : ClusterFixture(silos: 2, maxConcurrentRowsPerSilo: 10)
{
    protected override TimeSpan MessagingTimeout => TimeSpan.FromSeconds(30);

    protected override void ConfigureStorage(ISiloBuilder silo) =>
        silo.AddFaultInjectingMemoryGrainStorage().UseInMemoryReminderService();
}
