using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Webhooks;
using PersonalizedLine.Grains.Webhooks;

namespace PersonalizedLine.Grains.Jobs;

/// <summary>How a job ends: a stalled upload, deletion of its chunks and of every trace, the webhook of its outcome, and the lifecycle reminder's schedule.</summary>
public sealed partial class JobGrain
{
    private async Task FailInterruptedUploadAsync()
    {
        // The rows go first, so that the job says they were deleted only once they are (progress reads interleave with
        // this turn). No upload call can come in meanwhile: they do not interleave. If a deletion fails, the job is
        // still uploading and the next reminder tick tries again.
        await DeleteChunkGrainsAsync();
        Job.Status = JobStatus.Failed;
        Job.FinishedAt = Clock.GetUtcNow();
        Job.Error = $"The upload was interrupted: no rows arrived for {Durations.Describe(Lifetimes.UploadTimeout)} (Jobs__UploadTimeout) " +
            $"after {Job.TotalRows} rows. They were deleted and none was processed; upload the file again.";
        LogUploadInterrupted(Logger, JobId, Job.TotalRows);
        Job.ChunkCount = 0;
        Job.TotalRows = 0;
        Job.NextChunkToStart = 0;
        await PersistAsync();
        await OnFinishedAsync();
    }

    /// <summary>The chunks of an upload that will never run are deleted, then the counts that named them.</summary>
    private async Task DeleteChunksAsync()
    {
        await DeleteChunkGrainsAsync();
        Job.ChunkCount = 0;
        Job.TotalRows = 0;
        Job.NextChunkToStart = 0;
        await PersistAsync();
    }

    private async Task DeleteChunkGrainsAsync()
    {
        for (var first = 0; first < Job.ChunkCount; first += ChunksDeletedAtOnce)
        {
            var last = Math.Min(Job.ChunkCount, first + ChunksDeletedAtOnce);
            await Task.WhenAll(Enumerable.Range(first, last - first).Select(index => Chunk(index).Delete()));
        }
    }

    /// <summary>Every trace of the job: chunks (input and results), provider batch, reminder, and its own state, last.</summary>
    private async Task DeleteEverythingAsync()
    {
        StopPokeTimer();
        await DeleteChunkGrainsAsync();
        if (Job.Spec?.Mode == JobMode.Batch)
        {
            await GrainFactory.GetGrain<IProviderBatchGrain>(JobId).Delete();
        }

        await GrainFactory.GetGrain<IJobWebhookGrain>(JobId).Delete();
        await UnregisterAsync(LifecycleReminder);
        await Index.Remove(JobId);
        await Storage.ClearStateAsync();
        Storage.State = new JobState();
        _visible = ProgressCounts.Empty;
        LogJobDeleted(Logger, JobId);
        DeactivateOnIdle();
    }

    /// <summary>
    /// Completed, failed or cancelled: no more timer; the outcome goes to the job's webhook, and the reminder now waits for
    /// the retention to end (handing the webhook its outcome again until it took it).
    /// </summary>
    private async Task OnFinishedAsync()
    {
        StopPokeTimer();
        await ScheduleReminderAsync();
        await NotifyWebhookAsync();
    }

    private async Task NotifyWebhookAsync()
    {
        if (Job.WebhookNotified == Job.Status || Job.Spec?.WebhookUrl is null)
        {
            return;
        }

        try
        {
            // The webhook grain writes the delivery before it answers, and takes each outcome once.
            await GrainFactory.NotifyWebhookAsync(Job.Spec, Progress());
            Job.WebhookNotified = Job.Status;
            await PersistAsync();
        }
        catch (Exception ex)
        {
            LogWebhookNotifyFailed(Logger, ex, JobId);
        }
    }

    /// <summary>
    /// The lifecycle reminder: while the job is live it ticks every <c>Processing__ResumeInterval</c> (the first tick of an
    /// upload after <c>Jobs__UploadTimeout</c>); once finished, when its retention ends, and at least once a day.
    /// </summary>
    private async Task ScheduleReminderAsync()
    {
        var resume = Settings.ResumeInterval;
        var retention = Lifetimes.Retention;
        var day = TimeSpan.FromDays(1);
        var (due, period) = Job.Status switch
        {
            JobStatus.Queued => (Lifetimes.UploadTimeout, resume),
            JobStatus.Running or JobStatus.Paused => (resume, resume),
            _ => (Clamp(Job.FinishedAt!.Value + retention - Clock.GetUtcNow(), TimeSpan.Zero, day), Clamp(retention, resume, day)),
        };
        await this.RegisterOrUpdateReminder(LifecycleReminder, due, period);
    }

    private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;

    private async Task UnregisterAsync(string reminderName)
    {
        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }
}
