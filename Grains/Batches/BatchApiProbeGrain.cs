using Orleans.Concurrency;
using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.Batches;

/// <summary>Asks the provider, from any silo, whether batch mode can be used. Stateless: any silo answers.</summary>
[StatelessWorker]
public sealed class BatchApiProbeGrain(IProviderBatchClient client) : Grain, IBatchApiProbeGrain
{
    public async Task<string?> ProblemWithBatchMode()
    {
        var availability = await client.CheckAvailableAsync(CancellationToken.None);
        return availability.IsAvailable ? null : availability.Problem;
    }
}
