using Orleans.Runtime.Placement;

namespace PersonalizedLine.Grains.Rows;

/// <summary>
/// Puts a row runner on the silo its key names. A key naming a silo that is not (or no longer) in the cluster gets a
/// random one: a chunk that picked a silo just before it left still has its rows run.
/// </summary>
public sealed class SiloPinnedPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var silos = context.GetCompatibleSilos(target);
        var named = RowRunnerKeys.SiloOf(target.GrainIdentity.Key.ToString()!);
        var chosen = named is not null && silos.Contains(named) ? named : silos[Random.Shared.Next(silos.Length)];
        return Task.FromResult(chosen);
    }
}
