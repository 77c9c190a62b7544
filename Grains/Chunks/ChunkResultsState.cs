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

    /// <summary>No row starts until the job starts the chunk again (a person paused the job, or a provider refused the key).</summary>
    [Id(5)]
    public bool Paused { get; set; }

    /// <summary>The last retry generation this chunk has applied (see <c>ChunkStart</c>).</summary>
    [Id(6)]
    public int Generation { get; set; }

    /// <summary>What rows cost before a retry discarded their failed results: still part of the job's usage.</summary>
    [Id(7)]
    public UsageTotals RetiredUsage { get; set; } = UsageTotals.None;
}
