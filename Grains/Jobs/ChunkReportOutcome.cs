namespace PersonalizedLine.Grains.Jobs;

/// <summary>What a chunk's report changed in its job's state.</summary>
public enum ChunkReportOutcome
{
    /// <summary>Nothing: a repeated, out-of-order or unknown report.</summary>
    Ignored,

    /// <summary>The chunk's counts moved on.</summary>
    Updated,

    /// <summary>Batch mode: the chunk is researched and left the window to wait for the provider batch.</summary>
    AwaitsBatch,

    /// <summary>The chunk is complete and counted in the job's totals.</summary>
    Completed,
}
