using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.JobIndex;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Processing;
using PersonalizedLine.Grains.Telemetry;

namespace PersonalizedLine.Grains.Jobs;

/// <summary>The job's state written before it is shown, its timer, the grains it talks to, and the progress it shows.</summary>
public sealed partial class JobGrain
{
    /// <summary>
    /// Writes the state, then shows it: a progress a caller has seen is always persisted. A failed write discards the
    /// activation, so the next call starts again from what storage holds rather than from changes it never took.
    /// </summary>
    private async Task PersistAsync()
    {
        try
        {
            await StateWriteMetrics.Track(StateWriteMetrics.Job, Storage.WriteStateAsync());
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        _visible = ProgressCounts.Of(Job);
        _throughput.Record(Clock.GetUtcNow(), _visible.Processed);
    }

    private void EnsurePokeTimer()
    {
        var interval = Settings.PendingRowRetryInterval;
        _pokeTimer ??= this.RegisterGrainTimer(_ => ReconcileAsync(), new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
    }

    private void StopPokeTimer()
    {
        _pokeTimer?.Dispose();
        _pokeTimer = null;
    }

    /// <summary>The job list of the tenant the job belongs to, named by the job's own key (see <see cref="JobKeys"/>).</summary>
    private IJobIndexGrain Index => GrainFactory.GetGrain<IJobIndexGrain>(JobKeys.TenantOf(JobId));

    private IChunkGrain Chunk(int index) => GrainFactory.GetGrain<IChunkGrain>(ChunkKeys.Chunk(JobId, index));

    /// <summary>
    /// Chunks to keep started: twice the cluster's row slots (so a chunk finishing its last slow row never leaves
    /// slots idle) plus two, capped by <see cref="ProcessingOptions.MaxActiveChunksPerJob"/>. Recomputed on every
    /// start, so silos that join are used. Fewer activations also means a faster start.
    /// </summary>
    private int ChunkWindowSize()
    {
        var settings = Settings;
        var silos = Math.Max(1, Membership.CurrentSnapshot.Members.Values.Count(member => member.Status == SiloStatus.Active));
        var rowsWanted = 2L * settings.MaxConcurrentRowsPerSilo * silos;
        var chunks = (rowsWanted + settings.ChunkSize - 1) / settings.ChunkSize + 2;
        return (int)Math.Min(chunks, settings.MaxActiveChunksPerJob);
    }

    private void EnsureExists()
    {
        if (!Exists)
        {
            throw new JobConflictException($"Job {JobId} does not exist (it was deleted, or its upload was abandoned).", Job.Status);
        }
    }

    private JobProgress Progress()
    {
        var (status, finishedAt, succeeded, failed, usage, rowsBySilo, _) = _visible;
        var processed = _visible.Processed;
        var now = Clock.GetUtcNow();
        var running = status == JobStatus.Running;
        var rate = running
            ? _throughput.RowsPerSecond(now, Job.StartedAt, processed)
            : Job.StartedAt is { } start && finishedAt is { } end && end > start ? processed / (end - start).TotalSeconds : 0;
        TimeSpan? eta = running && rate > 0 ? TimeSpan.FromSeconds((Job.TotalRows - processed) / rate) : null;
        return new JobProgress(JobId, status, Job.Spec!.FileName, Job.TotalRows, processed, succeeded, failed,
            Math.Round(rate, 2), eta, Job.CreatedAt, Job.StartedAt, finishedAt, usage, Job.Spec.Model, Job.Error, rowsBySilo,
            Job.Spec.RowLimit, RowsPerRequest: Job.Spec.RowsPerRequest, Mode: Job.Spec.Mode, RowsAwaitingBatch: _visible.AwaitingBatch,
            PauseReason: Job.PauseReason, Retries: Job.Generation, Warnings: Job.Warnings);
    }
}
