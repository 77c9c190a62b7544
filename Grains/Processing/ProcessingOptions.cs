namespace PersonalizedLine.Grains.Processing;

/// <summary>How rows are processed. Bound from the <c>Processing</c> section and validated at start-up.</summary>
public sealed class ProcessingOptions
{
    public const string SectionName = "Processing";

    /// <summary>
    /// Rows talking to providers at once in one silo. Rows spend almost all their time waiting on HTTP, so this
    /// is sized for async I/O, not for threads: 500 rows in flight cost a few MB and no thread each.
    /// 1 gives strictly sequential processing.
    /// </summary>
    public int MaxConcurrentRowsPerSilo { get; set; } = 500;

    /// <summary>Rows per chunk grain: the unit of persistence and of the download.</summary>
    public int ChunkSize { get; set; } = 100;

    /// <summary>
    /// Upper bound on the chunks a job keeps started at once. A job aims at twice the cluster's row slots
    /// (silos × <see cref="MaxConcurrentRowsPerSilo"/> × 2 ÷ <see cref="ChunkSize"/>, plus two); this caps that,
    /// so one job on a huge cluster cannot activate an unbounded number of rows.
    /// </summary>
    public int MaxActiveChunksPerJob { get; set; } = 1_000;

    /// <summary>
    /// The whole budget of one row once it holds a slot: research and LLM, with their retries, sized for a slow model
    /// (two LLM attempts of several minutes). Time spent waiting for a provider's rate-limit permit is not counted.
    /// </summary>
    public TimeSpan RowTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A chunk persists its results once this many are new…</summary>
    public int ResultFlushBatchSize { get; set; } = 25;

    /// <summary>…or this long after the first unsaved one, whichever comes first.</summary>
    public TimeSpan ResultFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a chunk starts its still-pending rows again (a row runner ignores a start for a row it is running) and a job
    /// pokes its active chunks: the time it takes to notice work lost with a silo.
    /// </summary>
    public TimeSpan PendingRowRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Period of a running job's durable reminder, which resumes it after the whole cluster restarted.</summary>
    public TimeSpan ResumeInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest opening line accepted from the model.</summary>
    public int MaxLineLength { get; set; } = 300;
}
