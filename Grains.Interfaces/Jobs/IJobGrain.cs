using PersonalizedLine.Grains.Interfaces.Chunks;

namespace PersonalizedLine.Grains.Interfaces.Jobs;

/// <summary>
/// One uploaded file. Receives its rows in numbered batches, cuts them into chunks, starts the chunks a window at a
/// time and keeps the job's progress from the chunks' reports. Keyed by the job id. Its states and transitions are
/// described by <c>JobLifecycle</c>; a request the current status does not allow throws <see cref="JobConflictException"/>.
/// </summary>
public interface IJobGrain : IGrainWithStringKey
{
    /// <summary>Creates the job in <see cref="JobStatus.Queued"/>; rows follow through <see cref="AppendRows"/>. Repeating it is harmless.</summary>
    Task Create(JobSpec spec);

    /// <summary>
    /// Adds the next rows of the file, in file order. <paramref name="batch"/> numbers the calls from 0: a batch sent
    /// again (its answer was lost) is skipped, so a caller may retry any call it did not see succeed. Nothing is
    /// processed before <see cref="Seal"/>.
    /// </summary>
    Task AppendRows(int batch, IReadOnlyList<ChunkRow> rows);

    /// <summary>
    /// The upload is complete: checks that exactly <paramref name="expectedRows"/> rows were stored, keeps the
    /// <paramref name="warnings"/> about how the file was read (shown with its progress), then the job starts running.
    /// Repeating it is harmless. Returns the job's progress.
    /// </summary>
    Task<JobProgress> Seal(long expectedRows, IReadOnlyList<string>? warnings = null);

    /// <summary>The upload failed (bad input, client gone): the job and its chunks are deleted.</summary>
    Task Abort(string reason);

    /// <summary>Progress, or null when no job has this id.</summary>
    [AlwaysInterleave]
    Task<JobProgress?> GetProgress();

    /// <summary>What a download needs: the spec, the chunk count and the status. Null when no job has this id.</summary>
    [AlwaysInterleave]
    Task<JobManifest?> GetManifest();

    /// <summary>
    /// Stops the job: no new rows start, unprocessed rows end as failed with the reason "cancelled". During the upload
    /// the rows received so far are deleted. Null when no job has this id.
    /// </summary>
    Task<JobProgress?> Cancel();

    /// <summary>No new rows start until <see cref="Resume"/>; rows in flight finish. <paramref name="reason"/> is shown in the job's status.</summary>
    Task<JobProgress?> Pause(string reason);

    /// <summary>A paused job goes on where it stopped.</summary>
    Task<JobProgress?> Resume();

    /// <summary>A finished job runs its failed rows again (those in <paramref name="scope"/>); rows that succeeded are kept.</summary>
    Task<JobProgress?> Retry(RetryScope scope);

    /// <summary>Cancels the job if needed and deletes every trace of it: job, chunks, results, provider batch, reminders. False when no job has this id.</summary>
    Task<bool> Delete();

    /// <summary>A chunk's absolute counts (not deltas, so a repeated report is harmless).</summary>
    Task ReportChunk(ChunkReport report);

    /// <summary>Batch mode: every provider batch has been delivered; the chunks finish what is left online.</summary>
    Task BatchesDelivered();
}
