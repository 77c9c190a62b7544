using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.JobIndex;
using PersonalizedLine.Grains.Interfaces.Webhooks;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Limits;
using PersonalizedLine.Grains.Processing;
using PersonalizedLine.Grains.Webhooks;

namespace PersonalizedLine.Grains.Jobs;

/// <summary>
/// One job. Stores the uploaded rows as chunks, keeps a window of them started — about twice the rows the cluster can
/// have in flight, so every slot stays busy without a million-row file activating a million rows at once — and keeps the
/// totals from the chunks' absolute reports. Its states and transitions are listed in <see cref="JobLifecycle"/>; every
/// transition is written before it takes effect.
/// </summary>
/// <remarks>
/// Durable: the job's reminder watches the upload, brings a live job back after a silo or the whole cluster restarts and
/// asks its unfinished chunks for their written counts (so a report lost with a silo is recovered), and deletes the job
/// once its retention is over. While the job runs, a timer does the same reconciliation more often. Progress is shown as
/// of the last state write, so it never moves backwards across restarts.
/// </remarks>
public sealed partial class JobGrain(
    [PersistentState("job", StorageNames.Jobs)] IPersistentState<JobState> state,
    IOptions<ProcessingOptions> options,
    IOptions<JobsOptions> jobs,
    IClusterMembershipService membership,
    TimeProvider clock,
    ProviderLimitProgress limits,
    ILogger<JobGrain> logger) : Grain, IJobGrain, IRemindable
{
    public const string CancelledRowMessage = "Not processed: the job was cancelled.";
    private const string LifecycleReminder = "lifecycle";
    private const int ChunksDeletedAtOnce = 64;

    private readonly ThroughputMeter _throughput = new(TimeSpan.FromSeconds(20));
    private ProgressCounts _visible = ProgressCounts.Empty;
    private IGrainTimer? _pokeTimer;

    private JobState Job => state.State;

    private string JobId => this.GetPrimaryKeyString();

    private bool Exists => Job.Spec is not null && !Job.Deleting;

    private ChunkStart CurrentStart => new(Job.Generation, Job.RetryScope);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _visible = ProgressCounts.Of(Job);
        if (Job.Status == JobStatus.Running && Exists)
        {
            EnsurePokeTimer();
        }

        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Job.Spec is null || reminderName != LifecycleReminder)
        {
            // Gone, or a reminder of an older version: the lifecycle reminder does all the work.
            await UnregisterAsync(reminderName);
            if (Job.Spec is null)
            {
                return;
            }
        }

        var now = clock.GetUtcNow();
        if (Job.Deleting || (JobLifecycle.IsFinished(Job.Status) && now >= Job.FinishedAt + jobs.Value.Retention))
        {
            await DeleteEverythingAsync();
        }
        else if (Job.Status == JobStatus.Queued && now - (Job.LastUploadAt ?? Job.CreatedAt) >= jobs.Value.UploadTimeout)
        {
            await FailInterruptedUploadAsync();
        }
        else if (JobLifecycle.IsFinished(Job.Status))
        {
            if (Job.StartedAt is null && Job.ChunkCount > 0)
            {
                await DeleteChunksAsync(); // cancelled or failed during its upload, and the delete was cut short
            }

            await NotifyWebhookAsync();
        }
        else if (Job.Status is JobStatus.Running or JobStatus.Paused)
        {
            if (Job.Status == JobStatus.Running)
            {
                EnsurePokeTimer();
            }

            await ReconcileAsync();
        }
    }

    public async Task Create(JobSpec spec)
    {
        if (Job.Spec is not null)
        {
            if (Job.Status != JobStatus.Queued || Job.Deleting)
            {
                throw new JobConflictException($"Job {JobId} already exists.", Job.Status);
            }
        }
        else
        {
            Job.Spec = spec;
            Job.Status = JobStatus.Queued;
            Job.CreatedAt = clock.GetUtcNow();
            Job.LastUploadAt = Job.CreatedAt;
            await PersistAsync();
        }

        await Index.Add(new JobIndexEntry(JobId, Job.CreatedAt, Job.Spec.FileName));

        // Also on a repeated call: the watchdog must exist before any row is accepted.
        await ScheduleReminderAsync();
    }

    public async Task AppendRows(int batch, IReadOnlyList<ChunkRow> rows)
    {
        EnsureExists();
        JobLifecycle.Ensure(JobId, Job.Status, JobAction.AppendRows);
        if (batch < Job.UploadedBatches)
        {
            return; // Stored already; its answer was lost.
        }

        if (batch > Job.UploadedBatches)
        {
            throw new JobConflictException(
                $"Job {JobId} expected row batch {Job.UploadedBatches} of its upload and received batch {batch}: rows are missing. Upload the file again.",
                Job.Status);
        }

        // The chunks are written first, then the counts that name them: a failure in between is repaired by the retry,
        // which writes the same chunks again (a chunk accepts the same rows twice and refuses different ones).
        var chunkSize = options.Value.ChunkSize;
        var inputs = new List<ChunkInput>();
        for (var offset = 0; offset < rows.Count; offset += chunkSize)
        {
            var slice = rows.Skip(offset).Take(chunkSize).ToArray();
            inputs.Add(new ChunkInput(JobId, Job.ChunkCount + inputs.Count, Job.TotalRows + offset, Job.Spec!, slice));
        }

        await Task.WhenAll(inputs.Select(input => Chunk(input.ChunkIndex).Initialize(input)));
        Job.ChunkCount += inputs.Count;
        Job.TotalRows += rows.Count;
        Job.UploadedBatches++;
        Job.LastUploadAt = clock.GetUtcNow();
        await PersistAsync();
    }

    public async Task<JobProgress> Seal(long expectedRows)
    {
        EnsureExists();
        if (Job.StartedAt is not null && Job.TotalRows == expectedRows)
        {
            return Progress(); // Sealed already; its answer was lost.
        }

        JobLifecycle.Ensure(JobId, Job.Status, JobAction.Seal);
        if (Job.TotalRows != expectedRows)
        {
            throw new JobConflictException(
                $"Job {JobId} stored {Job.TotalRows} rows but the upload sent {expectedRows}. Upload the file again.", Job.Status);
        }

        Job.StartedAt = clock.GetUtcNow();
        Job.Status = Job.TotalRows == 0 ? JobStatus.Completed : JobStatus.Running;
        Job.FinishedAt = Job.TotalRows == 0 ? Job.StartedAt : null;
        await PersistAsync();
        LogJobStarted(logger, JobId, Job.TotalRows, Job.ChunkCount);
        if (Job.Status == JobStatus.Running)
        {
            await ScheduleReminderAsync();
            EnsurePokeTimer();
            await AdvanceAsync();
        }
        else
        {
            await OnFinishedAsync();
        }

        return Progress();
    }

    public async Task Abort(string reason)
    {
        if (Job.Spec is null)
        {
            return;
        }

        LogJobAborted(logger, JobId, reason);
        await DeleteEverythingAsync();
    }

    public async Task<JobProgress?> GetProgress()
    {
        if (!Exists)
        {
            return null;
        }

        var progress = await limits.AddToAsync(Progress());
        return Job.BatchStarted
            ? progress with { ProviderBatch = await GrainFactory.GetGrain<IProviderBatchGrain>(JobId).GetStatus() }
            : progress;
    }

    public Task<JobManifest?> GetManifest() => Task.FromResult(
        Exists ? new JobManifest(Job.Spec!, Job.ChunkCount, _visible.Status, Job.TotalRows) : null);

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
        Job.FinishedAt = clock.GetUtcNow();
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

        LogJobCancelled(logger, JobId, _visible.Processed);
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
        LogJobPaused(logger, JobId, reason);
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
        LogJobRetried(logger, JobId, Job.Generation, scope);
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

    public async Task ReportChunk(ChunkReport report)
    {
        if (!Exists)
        {
            return;
        }

        var outcome = JobReports.Apply(Job, report);
        if (outcome == ChunkReportOutcome.Updated)
        {
            await PersistAsync();
        }
        else if (outcome != ChunkReportOutcome.Ignored)
        {
            await AdvanceAsync();
        }
    }

    public async Task BatchesDelivered()
    {
        if (!Exists || Job.BatchesDelivered)
        {
            return;
        }

        Job.BatchesDelivered = true;
        await PersistAsync();
        await ReconcileAsync();
    }

    /// <summary>
    /// Moves the job on after its chunks changed: fills the window, starts the provider batch once every chunk is
    /// researched, completes the job once every chunk is. The new state is written first, then the chunks are started,
    /// and what they answer is applied the same way.
    /// </summary>
    private async Task AdvanceAsync()
    {
        while (true)
        {
            var toStart = Job.Status == JobStatus.Running ? ChunkWindow.Fill(Job, ChunkWindowSize()) : [];
            var startBatch = Job.Spec!.Mode == JobMode.Batch && Job.Generation == 0 && !Job.BatchStarted && Job.Status == JobStatus.Running
                && Job.NextChunkToStart == Job.ChunkCount && Job.ActiveChunks.Count == 0 && Job.AwaitingBatch.Count > 0;
            Job.BatchStarted |= startBatch;
            // A batch-mode job is complete once its provider batches are delivered too, so its status shows them finished.
            var finished = Job.Status == JobStatus.Running && Job.CompletedTotals.Chunks == Job.ChunkCount
                && (!Job.BatchStarted || Job.BatchesDelivered);
            if (finished)
            {
                Job.Status = JobStatus.Completed;
                Job.FinishedAt = clock.GetUtcNow();
            }

            await PersistAsync();
            if (finished)
            {
                LogJobCompleted(logger, JobId, Job.CompletedTotals.Succeeded, Job.CompletedTotals.Failed);
                await OnFinishedAsync();
            }

            if (startBatch)
            {
                await StartBatchAsync();
            }

            if (toStart.Count == 0 || !ApplyReports(await AskChunksAsync(toStart, chunk => chunk.Start(CurrentStart))))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Asks every unfinished chunk for its written counts (starting it again if it was lost with its silo, pausing it
    /// if the job is paused) and applies them: a chunk that completed without its report reaching the job is counted.
    /// </summary>
    private async Task ReconcileAsync()
    {
        if (Job.Status is not (JobStatus.Running or JobStatus.Paused))
        {
            return;
        }

        try
        {
            // Chunks waiting for the provider batch need nothing until it has delivered; then they finish online.
            var chunks = Job.BatchesDelivered || Job.Status == JobStatus.Paused
                ? Job.ActiveChunks.Keys.Concat(Job.AwaitingBatch.Keys).ToList()
                : Job.ActiveChunks.Keys.ToList();
            var reports = Job.Status == JobStatus.Paused
                ? await AskChunksAsync(chunks, chunk => chunk.Pause())
                : await AskChunksAsync(chunks, chunk => chunk.Start(CurrentStart));
            ApplyReports(reports);
            await AdvanceAsync();
            if (Job.BatchStarted && !Job.BatchesDelivered && Job.Status == JobStatus.Running)
            {
                await StartBatchAsync();
            }
        }
        catch (Exception ex)
        {
            LogReconcileFailed(logger, ex, JobId);
        }
    }

    /// <summary>Applies chunks' answers; true when one of them completed or left the window, so the job can move on.</summary>
    private bool ApplyReports(IEnumerable<ChunkReport> reports) =>
        reports.Select(report => JobReports.Apply(Job, report)).ToList()
            .Any(outcome => outcome is ChunkReportOutcome.Completed or ChunkReportOutcome.AwaitsBatch);

    /// <summary>Asks chunks in parallel; one that does not answer is asked again on the next reconciliation.</summary>
    private async Task<IReadOnlyList<ChunkReport>> AskChunksAsync(IReadOnlyCollection<int> indices, Func<IChunkGrain, Task<ChunkReport?>> ask)
    {
        var answers = await Task.WhenAll(indices.Select(async index =>
        {
            try
            {
                return await ask(Chunk(index));
            }
            catch (Exception ex)
            {
                LogChunkUnreachable(logger, ex, JobId, index);
                return null;
            }
        }));
        return answers.OfType<ChunkReport>().ToList();
    }

    /// <summary>Hands the researched chunks to the job's provider batch; repeated by the reconciliation until the batch grain took them.</summary>
    private Task StartBatchAsync() =>
        GrainFactory.GetGrain<IProviderBatchGrain>(JobId).Start(Job.AwaitingBatch.Keys.Order().ToList());

    private async Task FailInterruptedUploadAsync()
    {
        Job.Status = JobStatus.Failed;
        Job.FinishedAt = clock.GetUtcNow();
        Job.Error = $"The upload was interrupted: no rows arrived for {Durations.Describe(jobs.Value.UploadTimeout)} (Jobs__UploadTimeout) " +
            $"after {Job.TotalRows} rows. They were deleted and none was processed; upload the file again.";
        LogUploadInterrupted(logger, JobId, Job.TotalRows);
        Job.TotalRows = 0;
        await PersistAsync();
        await DeleteChunksAsync();
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
        await state.ClearStateAsync();
        state.State = new JobState();
        _visible = ProgressCounts.Empty;
        LogJobDeleted(logger, JobId);
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
            LogWebhookNotifyFailed(logger, ex, JobId);
        }
    }

    /// <summary>
    /// The lifecycle reminder: while the job is live it ticks every <c>Processing__ResumeInterval</c> (the first tick of an
    /// upload after <c>Jobs__UploadTimeout</c>); once finished, when its retention ends, and at least once a day.
    /// </summary>
    private async Task ScheduleReminderAsync()
    {
        var resume = options.Value.ResumeInterval;
        var retention = jobs.Value.Retention;
        var day = TimeSpan.FromDays(1);
        var (due, period) = Job.Status switch
        {
            JobStatus.Queued => (jobs.Value.UploadTimeout, resume),
            JobStatus.Running or JobStatus.Paused => (resume, resume),
            _ => (Clamp(Job.FinishedAt!.Value + retention - clock.GetUtcNow(), TimeSpan.Zero, day), Clamp(retention, resume, day)),
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

    /// <summary>
    /// Writes the state, then shows it: a progress a caller has seen is always persisted. A failed write discards the
    /// activation, so the next call starts again from what storage holds rather than from changes it never took.
    /// </summary>
    private async Task PersistAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        _visible = ProgressCounts.Of(Job);
        _throughput.Record(clock.GetUtcNow(), _visible.Processed);
    }

    private void EnsurePokeTimer()
    {
        var interval = options.Value.PendingRowRetryInterval;
        _pokeTimer ??= this.RegisterGrainTimer(_ => ReconcileAsync(), new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
    }

    private void StopPokeTimer()
    {
        _pokeTimer?.Dispose();
        _pokeTimer = null;
    }

    /// <summary>The list of jobs the job belongs to (one tenant until API keys bring more).</summary>
    private IJobIndexGrain Index => GrainFactory.GetGrain<IJobIndexGrain>(Tenants.Default);

    private IChunkGrain Chunk(int index) => GrainFactory.GetGrain<IChunkGrain>(ChunkKeys.Chunk(JobId, index));

    /// <summary>
    /// Chunks to keep started: twice the cluster's row slots (so a chunk finishing its last slow row never leaves
    /// slots idle) plus two, capped by <see cref="ProcessingOptions.MaxActiveChunksPerJob"/>. Recomputed on every
    /// start, so silos that join are used. Fewer activations also means a faster start.
    /// </summary>
    private int ChunkWindowSize()
    {
        var settings = options.Value;
        var silos = Math.Max(1, membership.CurrentSnapshot.Members.Values.Count(member => member.Status == SiloStatus.Active));
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
        var now = clock.GetUtcNow();
        var running = status == JobStatus.Running;
        var rate = running
            ? _throughput.RowsPerSecond(now, Job.StartedAt, processed)
            : Job.StartedAt is { } start && finishedAt is { } end && end > start ? processed / (end - start).TotalSeconds : 0;
        TimeSpan? eta = running && rate > 0 ? TimeSpan.FromSeconds((Job.TotalRows - processed) / rate) : null;
        return new JobProgress(JobId, status, Job.Spec!.FileName, Job.TotalRows, processed, succeeded, failed,
            Math.Round(rate, 2), eta, Job.CreatedAt, Job.StartedAt, finishedAt, usage, Job.Spec.Model, Job.Error, rowsBySilo,
            Job.Spec.RowLimit, RowsPerRequest: Job.Spec.RowsPerRequest, Mode: Job.Spec.Mode, RowsAwaitingBatch: _visible.AwaitingBatch,
            PauseReason: Job.PauseReason, Retries: Job.Generation);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} started: {TotalRows} rows in {ChunkCount} chunks")]
    private static partial void LogJobStarted(ILogger logger, string jobId, long totalRows, int chunkCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} completed: {Succeeded} ok, {Failed} failed")]
    private static partial void LogJobCompleted(ILogger logger, string jobId, long succeeded, long failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} cancelled after {Processed} rows")]
    private static partial void LogJobCancelled(ILogger logger, string jobId, long processed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} paused: {Reason}")]
    private static partial void LogJobPaused(ILogger logger, string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} retries its failed rows (generation {Generation}, {Scope})")]
    private static partial void LogJobRetried(ILogger logger, string jobId, int generation, RetryScope scope);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} failed: its upload stalled after {Rows} rows")]
    private static partial void LogUploadInterrupted(ILogger logger, string jobId, long rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} deleted")]
    private static partial void LogJobDeleted(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} could not reconcile its chunks; it tries again on its next tick")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: chunk {Chunk} did not answer; it is asked again on the next tick")]
    private static partial void LogChunkUnreachable(ILogger logger, Exception exception, string jobId, int chunk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} could not hand its outcome to its webhook; its reminder tries again")]
    private static partial void LogWebhookNotifyFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} aborted during upload: {Reason}")]
    private static partial void LogJobAborted(ILogger logger, string jobId, string reason);
}
