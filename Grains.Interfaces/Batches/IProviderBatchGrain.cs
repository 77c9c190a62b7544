namespace PersonalizedLine.Grains.Interfaces.Batches;

/// <summary>
/// A batch-mode job's LLM work at the provider's Batch API (keyed by the job id): writes the researched rows' requests
/// as JSONL, uploads them, starts the batches, polls them on a durable reminder and hands their answers back to the
/// chunks. Every step is persisted before the next, so a restart resumes it without uploading twice.
/// </summary>
public interface IProviderBatchGrain : IGrainWithStringKey
{
    /// <summary>Every chunk is researched: send these chunks' requests. Repeating it changes nothing.</summary>
    Task Start(IReadOnlyList<int> chunkIndices);

    /// <summary>The batches as the provider last reported them; null before <see cref="Start"/>.</summary>
    [AlwaysInterleave]
    Task<ProviderBatchProgress?> GetStatus();

    /// <summary>Cancels the provider batches still running; answers not yet delivered are dropped.</summary>
    Task Cancel();

    /// <summary>The job is deleted: cancels the provider batches still running and deletes the local files, the state and the reminder.</summary>
    Task Delete();
}
