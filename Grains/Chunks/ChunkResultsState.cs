using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Rows;

namespace PersonalizedLine.Grains.Chunks;

/// <summary>A chunk's results so far, by row index within the chunk; written in batches.</summary>
[GenerateSerializer, Alias("chunk-results-state")]
public sealed class ChunkResultsState
{
    [Id(0)]
    public Dictionary<int, RowResult> Results { get; set; } = [];

    [Id(1)]
    public bool Started { get; set; }

    [Id(2)]
    public string? CancelReason { get; set; }

    /// <summary>Batch mode: rows the provider batch left to be asked online, by index.</summary>
    [Id(3)]
    public HashSet<int> OnlineRows { get; set; } = [];

    /// <summary>Batch mode: what the provider batch requests cost, counted once per request (not per row).</summary>
    [Id(4)]
    public UsageTotals BatchUsage { get; set; } = UsageTotals.None;
}
