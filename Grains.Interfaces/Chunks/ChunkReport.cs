using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Grains.Interfaces.Chunks;

/// <summary>
/// A chunk's absolute progress: rows done so far and what they cost, and (batch mode) rows researched and waiting for
/// the provider batch.
/// </summary>
[GenerateSerializer, Immutable, Alias("chunk-report")]
public sealed record class ChunkReport(
    [property: Id(0)] int ChunkIndex,
    [property: Id(1)] int Succeeded,
    [property: Id(2)] int Failed,
    [property: Id(3)] bool IsComplete,
    [property: Id(4)] UsageTotals Usage,
    [property: Id(5)] IReadOnlyDictionary<string, int> RowsBySilo,
    [property: Id(6)] int Researched = 0,
    [property: Id(7)] int Rows = 0)
{
    /// <summary>Batch mode: every row is either done or researched and waiting for the provider batch.</summary>
    public bool IsResearched => Researched > 0 && Succeeded + Failed + Researched == Rows;
}
