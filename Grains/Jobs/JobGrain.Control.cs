using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Grains.Jobs;

/// <summary>What a person asks of a running or finished job: cancel, pause, resume, retry, delete. Each change is written before it reaches the chunks.</summary>
public sealed partial class JobGrain
{
    public async Task<JobProgress?> Cancel()
    {
        if (!Exists)
        {
            return null;
        }

        if (!JobLifecycle.Allows(Job.Status, JobAction.Cancel))
        {
            return Progress(); // Finished already: the caller says so.
        }

        var duringUpload = Job.Status == JobStatus.Queued;
        Job.Status = JobStatus.Cancelled;
        Job.FinishedAt = Clock.GetUtcNow();
        Job.PauseReason = null;
        if (duringUpload)
        {
            // The rows it holds are deleted next; the job shows none from now on (ChunkCount still names them for the delete).
            Job.Error = $"Cancelled during its upload: the {Job.TotalRows} rows received were deleted and none was processed.";
            Job.TotalRows = 0;
        }

        await PersistAsync();
        StopPokeTimer();
        if (duringUpload)
        {
            await DeleteChunksAsync();
        }
        else
        {
            await Task.WhenAll(Job.ActiveChunks.Keys.Concat(Job.AwaitingBatch.Keys)
                .Select(index => Chunk(index).Cancel(CancelledRowMessage)));
            if (Job.BatchStarted)
            {
                await GrainFactory.GetGrain<IProviderBatchGrain>(JobId).Cancel();
            }
        }

        LogJobCancelled(Logger, JobId, _visible.Processed);
        await OnFinishedAsync();
        return Progress();
    }

    public async Task<JobProgress?> Pause(string reason)
    {
        if (!Exists)
        {
            return null;
        }

        if (Job.Status == JobStatus.Paused)
        {
            return Progress(); // Paused already (several rows may see the same refused key).
        }

        JobLifecycle.Ensure(JobId, Job.Status, JobAction.Pause);
        Job.Status = JobStatus.Paused;
        Job.PauseReason = reason;
        await PersistAsync();
        StopPokeTimer();
        LogJobPaused(Logger, JobId, reason);
        await ReconcileAsync();
        return Progress();
    }

    public async Task<JobProgress?> Resume()
    {
        if (!Exists)
        {
            return null;
        }

        JobLifecycle.Ensure(JobId, Job.Status, JobAction.Resume);
        Job.Status = JobStatus.Running;
        Job.PauseReason = null;
        await PersistAsync();
        EnsurePokeTimer();
        await ReconcileAsync();
        return Progress();
    }

    public async Task<JobProgress?> Retry(RetryScope scope)
    {
        if (!Exists)
        {
            return null;
        }

        JobLifecycle.Ensure(JobId, Job.Status, JobAction.Retry);
        if (Job.ChunkCount == 0 || (Job.Status == JobStatus.Completed && _visible.Failed == 0))
        {
            throw new JobConflictException($"Job {JobId} has no failed rows to retry.", Job.Status);
        }

        // Every chunk is started again in the next generation; a chunk puts its failed rows back to pending and
        // answers with its counts, complete or not, so the totals are rebuilt from the chunks.
        Job.Generation++;
        Job.RetryScope = scope;
        Job.Status = JobStatus.Running;
        Job.FinishedAt = null;
        Job.Error = null;
        Job.CompletedTotals = new CompletedTotals();
        Job.ActiveChunks.Clear();
        Job.AwaitingBatch.Clear();
        Job.NextChunkToStart = 0;
        await PersistAsync();
        LogJobRetried(Logger, JobId, Job.Generation, scope);
        await ScheduleReminderAsync();
        EnsurePokeTimer();
        await AdvanceAsync();
        return Progress();
    }

    public async Task<bool> Delete()
    {
        if (Job.Spec is null)
        {
            return false;
        }

        if (!Job.Deleting)
        {
            // Gone for callers at once; the reminder finishes a delete that is interrupted.
            Job.Deleting = true;
            await PersistAsync();
        }

        await DeleteEverythingAsync();
        return true;
    }
}
