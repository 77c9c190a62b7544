using Orleans.Configuration;
using PersonalizedLine.Tests.Pipeline;
using PersonalizedLine.Tests.Support.StorageFaults;

namespace PersonalizedLine.Tests.Lifecycle;

/// <summary>
/// Three silos whose grain storage fails when a test says so (<see cref="ClusterFixture.StorageFaults"/>), as PostgreSQL
/// does when it is stopped or a write times out. The job reminder and the chunk pokes tick every second.
/// </summary>
public sealed class FaultyStorageCluster() : ClusterFixture(silos: 3, maxConcurrentRowsPerSilo: 10, new Dictionary<string, string?>
{
    ["Processing:ResumeInterval"] = "00:00:01",
    ["Processing:PendingRowRetryInterval"] = "00:00:01",
})
{
    protected override void ConfigureStorage(ISiloBuilder silo) =>
        silo.AddFaultInjectingMemoryGrainStorage().UseInMemoryReminderService();

    protected override void ConfigureSilo(ISiloBuilder silo) =>
        silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
}
