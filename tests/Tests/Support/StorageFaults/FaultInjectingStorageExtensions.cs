using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using PersonalizedLine.Grains;

namespace PersonalizedLine.Tests.Support.StorageFaults;

public static class FaultInjectingStorageExtensions
{
    /// <summary>
    /// Registers, under each of <paramref name="storageNames"/> (the product's <see cref="StorageNames"/> when none are
    /// given), a <see cref="FaultInjectingGrainStorage"/> around memory grain storage, all driven by the cluster's
    /// <see cref="StorageFaultRegistry.For"/> switchboard. Use it instead of the memory storage, not next to it.
    /// </summary>
    public static ISiloBuilder AddFaultInjectingMemoryGrainStorage(this ISiloBuilder silo, params string[] storageNames)
    {
        ArgumentNullException.ThrowIfNull(silo);
        foreach (var name in storageNames.Length == 0 ? StorageNames.All : storageNames)
        {
            // The memory storage lives under a name of its own; the product's name resolves to the wrapper around it.
            var inner = $"{name}-without-faults";
            silo.AddMemoryGrainStorage(inner);
            silo.Services.AddGrainStorage(name, (sp, _) => new FaultInjectingGrainStorage(
                name,
                sp.GetRequiredKeyedService<IGrainStorage>(inner),
                StorageFaultRegistry.For(sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId)));
        }

        return silo;
    }
}
