using Orleans.TestingHost;

namespace PersonalizedLine.Tests.Support.StorageFaults;

/// <summary>
/// For <c>TestClusterBuilder.AddSiloBuilderConfigurator&lt;FaultInjectingStorageConfigurator&gt;()</c>: the product's
/// storage names on fault-injecting memory storage, and in-memory reminders, as the embedded profile has them.
/// </summary>
public sealed class FaultInjectingStorageConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) =>
        siloBuilder.AddFaultInjectingMemoryGrainStorage().UseInMemoryReminderService();
}
