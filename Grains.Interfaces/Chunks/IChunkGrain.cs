using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Interfaces.Rows;

namespace PersonalizedLine.Grains.Interfaces.Chunks;

/// <summary>
/// A slice of a job (<c>Processing__ChunkSize</c> rows). Persists its input once, fans its pending rows out to
/// row grains, collects their results and persists them in batches. Keyed by <see cref="ChunkKeys"/>.
/// </summary>
public interface IChunkGrain : IGrainWithStringKey
{
    /// <summary>Stores the rows. Repeating it with the same rows is harmless.</summary>
    Task Initialize(ChunkInput input);

    /// <summary>Starts (or resumes) processing; returns at once. Interleaves so a busy chunk never blocks its job.</summary>
    [AlwaysInterleave]
    Task Start();

    /// <summary>Unprocessed rows end as failed with this reason; returns at once.</summary>
    [AlwaysInterleave]
    Task Cancel(string reason);

    /// <summary>A row grain hands in its result. The first result for a row wins; repeats are ignored.</summary>
    Task ReportRow(long rowNumber, RowResult result);

    /// <summary>The rows and their results so far, in order.</summary>
    [AlwaysInterleave]
    Task<ChunkOutput> GetOutput();

    /// <summary>Batch mode: the provider batch requests of the rows researched and still waiting for a line.</summary>
    Task<IReadOnlyList<BatchRequestLine>> GetBatchRequests();

    /// <summary>Batch mode: answers of a provider batch; returns how many rows still wait for a batch afterwards.</summary>
    Task<int> DeliverBatch(BatchDelivery delivery);

    /// <summary>Deletes the chunk's stored state (the job was aborted).</summary>
    Task Clear();
}
