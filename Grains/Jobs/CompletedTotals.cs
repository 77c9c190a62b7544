using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Grains.Jobs;

/// <summary>Sums over a job's completed chunks.</summary>
[GenerateSerializer, Alias("completed-totals")]
public sealed class CompletedTotals
{
    [Id(0)]
    public int Chunks { get; set; }

    [Id(1)]
    public long Succeeded { get; set; }

    [Id(2)]
    public long Failed { get; set; }

    [Id(3)]
    public UsageTotals Usage { get; set; } = UsageTotals.None;

    /// <summary>Rows processed by each silo, by silo name.</summary>
    [Id(4)]
    public Dictionary<string, long> RowsBySilo { get; set; } = [];
}
