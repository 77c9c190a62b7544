using PersonalizedLine.Grains.Interfaces.Chunks;

namespace PersonalizedLine.Grains.Interfaces.Jobs;

/// <summary>
/// One uploaded file. Receives its rows in batches, cuts them into chunks, starts the chunks a window at a
/// time and keeps the job's progress from the chunks' reports. Keyed by the job id.
/// </summary>
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Creates the job in <see cref="JobStatus.Queued"/>; rows follow through <see cref="AppendRows"/>.</summary>
    Task Create(JobSpec spec);

    /// <summary>Adds the next rows of the file, in file order. Nothing is processed before <see cref="Seal"/>.</summary>
    Task AppendRows(IReadOnlyList<ChunkRow> rows);

    /// <summary>The upload is complete: the job starts running. Returns the job's progress.</summary>
    Task<JobProgress> Seal();

    /// <summary>The upload failed (bad input, client gone): the job and its chunks are discarded.</summary>
    Task Abort(string reason);

    /// <summary>Progress, or null when no job has this id.</summary>
    [AlwaysInterleave]
    Task<JobProgress?> GetProgress();

    /// <summary>What a download needs: the spec, the chunk count and the status. Null when no job has this id.</summary>
    [AlwaysInterleave]
    Task<JobManifest?> GetManifest();

    /// <summary>Stops the job: no new rows start, unprocessed rows end as failed with the reason "cancelled".</summary>
    Task<JobProgress?> Cancel();

    /// <summary>A chunk's absolute counts (not deltas, so a repeated report is harmless).</summary>
    Task ReportChunk(ChunkReport report);

    /// <summary>Batch mode: every provider batch has been delivered; the chunks finish what is left online.</summary>
    Task BatchesDelivered();
}
