using Orleans.Storage;

namespace PersonalizedLine.Tests.Support.StorageFaults;

/// <summary>
/// An <see cref="IGrainStorage"/> decorator for tests: every read, write and clear first asks
/// <see cref="GrainStorageFaults"/>, which counts it and may fail it with <see cref="InjectedStorageFaultException"/>
/// before the wrapped storage is touched (a failed write writes nothing, as when a database is down), or hold a write
/// for a while (a slow database); otherwise the call goes to the wrapped storage unchanged. The grain sees a failure as it sees a database error: an
/// <c>OrleansException</c> from <c>WriteStateAsync</c> (or read, or clear) wrapping the injected one.
/// </summary>
/// <remarks>
/// On a TestingHost silo, register it in place of the memory storage with
/// <see cref="FaultInjectingStorageExtensions.AddFaultInjectingMemoryGrainStorage"/> (lambda-configured
/// <c>InProcessTestCluster</c>) or <see cref="FaultInjectingStorageConfigurator"/> (<c>TestCluster</c>), then reach the
/// cluster's switchboard with <see cref="StorageFaultRegistry.For"/> and the cluster id:
/// <code>
/// builder.ConfigureSilo((_, silo) => silo.AddFaultInjectingMemoryGrainStorage().UseInMemoryReminderService());
/// ...
/// var faults = StorageFaultRegistry.For(cluster.Options.ClusterId);
/// faults.FailNthWrite(2, call => call.StorageName == StorageNames.Jobs);
/// using (faults.FailWrites(call => call.GrainType == "chunk")) { /* chunk writes fail here */ }
/// Assert.Equal(1 + n, faults.WritesFailed);
/// </code>
/// Release the switchboard with <see cref="StorageFaultRegistry.Release"/> when the cluster is disposed. A pipeline
/// fixture derived from <c>ClusterFixture</c> overrides its <c>ConfigureStorage</c> to register the wrapper and uses
/// its <c>StorageFaults</c> property.
/// </remarks>
public sealed class FaultInjectingGrainStorage(string storageName, IGrainStorage inner, GrainStorageFaults faults) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.Enter(new StorageCall(StorageOperation.Read, storageName, stateName, grainId));
        await inner.ReadStateAsync(stateName, grainId, grainState).ConfigureAwait(false);
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var call = new StorageCall(StorageOperation.Write, storageName, stateName, grainId);
        faults.Enter(call);
        await faults.WaitWhileHeldAsync(call).ConfigureAwait(false);
        await inner.WriteStateAsync(stateName, grainId, grainState).ConfigureAwait(false);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        faults.Enter(new StorageCall(StorageOperation.Clear, storageName, stateName, grainId));
        await inner.ClearStateAsync(stateName, grainId, grainState).ConfigureAwait(false);
    }
}
