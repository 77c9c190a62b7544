using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Interfaces.Rows;

namespace PersonalizedLine.Grains.Interfaces.Chunks;

/// <summary>
/// A slice of a job (<c>Processing__ChunkSize</c> rows). Persists its input once, fans its pending rows out to
/// row grains, collects their results and persists them in batches. Keyed by <see cref="ChunkKeys"/>.
/// </summary>
public interface IChunkGrain : IGrainWithStringKey
{
    /// <summary>
    /// Stores the rows. Repeating it with the same rows is harmless; different rows for a chunk that already holds
    /// some throw a <see cref="ChunkConflictException"/>.
    /// </summary>
    Task Initialize(ChunkInput input);

    /// <summary>
    /// Starts, resumes or retries processing (see <see cref="ChunkStart"/>) and returns at once with the chunk's counts
    /// as last written: a complete chunk always answers with its final counts, so a lost report is recovered by asking.
    /// Null when the chunk holds no rows. Interleaves so a busy chunk never blocks its job.
    /// </summary>
    [AlwaysInterleave]
    Task<ChunkReport?> Start(ChunkStart start);

    /// <summary>No new row starts until the next <see cref="Start"/>; rows in flight finish. Returns the counts as last written.</summary>
    [AlwaysInterleave]
    Task<ChunkReport?> Pause();

    /// <summary>Unprocessed rows end as failed with this reason; returns at once.</summary>
    [AlwaysInterleave]
    Task Cancel(string reason);

    /// <summary>
    /// A row runner hands in results, those of every row of this chunk that finished since its last report. The first
    /// result for a row wins; repeats are ignored.
    /// </summary>
    Task ReportRows(IReadOnlyList<RowReport> reports);

    /// <summary>The rows and their results so far, in order.</summary>
    [AlwaysInterleave]
    Task<ChunkOutput> GetOutput();

    /// <summary>Batch mode: the provider batch requests of the rows researched and still waiting for a line.</summary>
    Task<IReadOnlyList<BatchRequestLine>> GetBatchRequests();

    /// <summary>Batch mode: answers of a provider batch; returns how many rows still wait for a batch afterwards.</summary>
    Task<int> DeliverBatch(BatchDelivery delivery);

    /// <summary>Stops its rows and deletes the chunk's stored input and results (the job was aborted or deleted).</summary>
    Task Delete();
}
