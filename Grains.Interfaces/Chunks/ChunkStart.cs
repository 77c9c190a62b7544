using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Grains.Interfaces.Chunks;

/// <summary>
/// How a chunk is started: generation 0 is the job's first run; a retry starts every chunk again in the next
/// generation, and a chunk seeing a generation for the first time puts its failed rows (those in <see cref="Scope"/>)
/// back to pending before it starts them.
/// </summary>
[GenerateSerializer, Immutable, Alias("chunk-start")]
public sealed record class ChunkStart(
    [property: Id(0)] int Generation,
    [property: Id(1)] RetryScope Scope = RetryScope.AllFailed);
