using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Grains.Interfaces.Chunks;

/// <summary>A chunk's absolute progress: rows done so far and what they cost.</summary>
[GenerateSerializer, Immutable, Alias("chunk-report")]
public sealed record class ChunkReport(
    [property: Id(0)] int ChunkIndex,
    [property: Id(1)] int Succeeded,
    [property: Id(2)] int Failed,
    [property: Id(3)] bool IsComplete,
    [property: Id(4)] UsageTotals Usage,
    [property: Id(5)] IReadOnlyDictionary<string, int> RowsBySilo);
