using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.JobIndex;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Limits;
using PersonalizedLine.Grains.Processing;

namespace PersonalizedLine.Grains.Jobs;

/// <summary>
/// One job. Cuts the uploaded rows into chunks, keeps a window of them started — about twice the rows the cluster
/// can have in flight, so every slot stays busy without a million-row file activating a million rows at once — and
/// keeps the totals from the chunks' absolute reports.
/// </summary>
/// <remarks>
/// Durable: while the job runs, a reminder brings it back after a silo or the whole cluster restarts, and a timer
/// pokes its active chunks so a chunk lost with a silo resumes from its persisted results. Progress is shown as of
/// the last state write, so it never moves backwards across restarts.
/// </remarks>
public sealed partial class JobGrain(
    [PersistentState("job", StorageNames.Jobs)] IPersistentState<JobState> state,
    IOptions<ProcessingOptions> options,
    IClusterMembershipService membership,
    TimeProvider clock,
    ProviderLimitProgress limits,
    ILogger<JobGrain> logger) : Grain, IJobGrain, IRemindable
{
    public const string CancelledRowMessage = "Not processed: the job was cancelled.";
    private const string ResumeReminder = "resume";

    private readonly List<ChunkRow> _uploadBuffer = [];
    private readonly ThroughputMeter _throughput = new(TimeSpan.FromSeconds(20));
    private ProgressCounts _visible = ProgressCounts.Empty;
    private IGrainTimer? _pokeTimer;

    private JobState Job => state.State;

    private string JobId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _visible = ProgressCounts.Of(Job);
        if (Job.Status == JobStatus.Running)
        {
            EnsurePokeTimer();
        }

        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Job.Status == JobStatus.Running)
        {
            EnsurePokeTimer();
            await PokeChunksAsync();
            return;
        }

        // Finished, cancelled or gone: nothing left to resume.
        if (await this.GetReminder(reminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task Create(JobSpec spec)
    {
        if (Job.Spec is not null)
        {
            throw new InvalidOperationException($"Job {JobId} already exists.");
        }

        Job.Spec = spec;
        Job.Status = JobStatus.Queued;
        Job.CreatedAt = clock.GetUtcNow();
        await WriteAndPublishAsync();
        await GrainFactory.GetGrain<IJobIndexGrain>(Tenants.Default).Add(new JobIndexEntry(JobId, Job.CreatedAt, spec.FileName));
    }

    public async Task AppendRows(IReadOnlyList<ChunkRow> rows)
    {
        EnsureStatus(JobStatus.Queued, "add rows to");
        _uploadBuffer.AddRange(rows);
        var chunkSize = options.Value.ChunkSize;
        while (_uploadBuffer.Count >= chunkSize)
        {
            await CutChunkAsync(chunkSize);
        }
    }

    public async Task<JobProgress> Seal()
    {
        EnsureStatus(JobStatus.Queued, "start");
        if (_uploadBuffer.Count > 0)
        {
            await CutChunkAsync(_uploadBuffer.Count);
        }

        Job.StartedAt = clock.GetUtcNow();
        Job.Status = Job.TotalRows == 0 ? JobStatus.Completed : JobStatus.Running;
        Job.FinishedAt = Job.TotalRows == 0 ? Job.StartedAt : null;
        if (Job.Status == JobStatus.Running)
        {
            // Registered before any chunk starts: from here on a restart of the cluster cannot strand the job.
            var period = options.Value.ResumeInterval;
            await this.RegisterOrUpdateReminder(ResumeReminder, period, period);
            EnsurePokeTimer();
        }

        await StartChunksAsync();
        await WriteAndPublishAsync();
        LogJobStarted(logger, JobId, Job.TotalRows, Job.ChunkCount);
        return Progress();
    }

    public async Task Abort(string reason)
    {
        if (Job.Spec is null)
        {
            return;
        }

        LogJobAborted(logger, JobId, reason);
        await Task.WhenAll(Enumerable.Range(0, Job.ChunkCount)
            .Select(index => GrainFactory.GetGrain<IChunkGrain>(ChunkKeys.Chunk(JobId, index)).Clear()));
        _uploadBuffer.Clear();
        await state.ClearStateAsync();
        await GrainFactory.GetGrain<IJobIndexGrain>(Tenants.Default).Remove(JobId);
        state.State = new JobState();
        DeactivateOnIdle();
    }

    public async Task<JobProgress?> GetProgress()
    {
        if (Job.Spec is null)
        {
            return null;
        }

        var progress = await limits.AddToAsync(Progress());
        return Job.BatchStarted
            ? progress with { ProviderBatch = await GrainFactory.GetGrain<IProviderBatchGrain>(JobId).GetStatus() }
            : progress;
    }

    public Task<JobManifest?> GetManifest() => Task.FromResult(
        Job.Spec is null ? null : new JobManifest(Job.Spec, Job.ChunkCount, _visible.Status, Job.TotalRows));

    public async Task<JobProgress?> Cancel()
    {
        if (Job.Spec is null)
        {
            return null;
        }

        if (Job.Status is JobStatus.Queued or JobStatus.Running)
        {
            Job.Status = JobStatus.Cancelled;
            Job.FinishedAt = clock.GetUtcNow();
            await Task.WhenAll(Job.ActiveChunks.Keys.Concat(Job.AwaitingBatch.Keys).Select(index =>
                GrainFactory.GetGrain<IChunkGrain>(ChunkKeys.Chunk(JobId, index)).Cancel(CancelledRowMessage)));
            if (Job.BatchStarted)
            {
                await GrainFactory.GetGrain<IProviderBatchGrain>(JobId).Cancel();
            }
            await WriteAndPublishAsync();
            await StopResumingAsync();
            LogJobCancelled(logger, JobId, _visible.Processed);
        }

        return Progress();
    }

    public async Task ReportChunk(ChunkReport report)
    {
        // A chunk in neither set is either complete already (a repeated report) or unknown.
        var awaiting = Job.AwaitingBatch.TryGetValue(report.ChunkIndex, out var previous);
        if (Job.Spec is null || (!awaiting && !Job.ActiveChunks.TryGetValue(report.ChunkIndex, out previous)))
        {
            return;
        }

        if (report.Succeeded + report.Failed < previous!.Succeeded + previous.Failed)
        {
            return; // Out of order: progress only moves forward.
        }

        if (!report.IsComplete)
        {
            if (!awaiting && report.IsResearched && Job.Status == JobStatus.Running)
            {
                await AwaitBatchAsync(report);
                return;
            }

            (awaiting ? Job.AwaitingBatch : Job.ActiveChunks)[report.ChunkIndex] = report;
            await WriteAndPublishAsync();
            return;
        }

        Job.ActiveChunks.Remove(report.ChunkIndex);
        Job.AwaitingBatch.Remove(report.ChunkIndex);
        var completed = Job.CompletedTotals;
        completed.Chunks++;
        completed.Succeeded += report.Succeeded;
        completed.Failed += report.Failed;
        completed.Usage = completed.Usage.Add(report.Usage);
        foreach (var (silo, rows) in report.RowsBySilo)
        {
            completed.RowsBySilo[silo] = completed.RowsBySilo.GetValueOrDefault(silo) + rows;
        }

        var finished = false;
        if (Job.Status == JobStatus.Running)
        {
            await StartChunksAsync();
            if (completed.Chunks == Job.ChunkCount)
            {
                Job.Status = JobStatus.Completed;
                Job.FinishedAt = clock.GetUtcNow();
                finished = true;
                LogJobCompleted(logger, JobId, completed.Succeeded, completed.Failed);
            }
        }

        await WriteAndPublishAsync();
        if (finished)
        {
            await StopResumingAsync();
        }
    }

    public async Task BatchesDelivered()
    {
        if (Job.Spec is null || Job.BatchesDelivered)
        {
            return;
        }

        Job.BatchesDelivered = true;
        await WriteAndPublishAsync();
        await PokeChunksAsync();
    }

    /// <summary>
    /// Batch mode: a researched chunk leaves the window (the next chunks start researching) and waits for the provider
    /// batch, which starts once every chunk is researched or done. Each change is written before it takes effect.
    /// </summary>
    private async Task AwaitBatchAsync(ChunkReport report)
    {
        Job.ActiveChunks.Remove(report.ChunkIndex);
        Job.AwaitingBatch[report.ChunkIndex] = report;
        await StartChunksAsync();
        var allResearched = Job.NextChunkToStart == Job.ChunkCount && Job.ActiveChunks.Count == 0;
        if (allResearched && !Job.BatchStarted)
        {
            Job.BatchStarted = true;
        }

        await WriteAndPublishAsync();
        if (allResearched)
        {
            await StartBatchAsync();
        }
    }

    /// <summary>Hands the researched chunks to the job's provider batch; repeated by the poke until the batch grain took them.</summary>
    private Task StartBatchAsync() =>
        GrainFactory.GetGrain<IProviderBatchGrain>(JobId).Start(Job.AwaitingBatch.Keys.Order().ToList());

    /// <summary>Writes the state, then shows it: a progress a caller has seen is always persisted.</summary>
    private async Task WriteAndPublishAsync()
    {
        await state.WriteStateAsync();
        _visible = ProgressCounts.Of(Job);
        _throughput.Record(clock.GetUtcNow(), _visible.Processed);
    }

    private void EnsurePokeTimer()
    {
        var interval = options.Value.PendingRowRetryInterval;
        _pokeTimer ??= this.RegisterGrainTimer(_ => PokeChunksAsync(), new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
    }

    /// <summary>
    /// Starts the window's chunks again (a no-op for a live chunk): a chunk lost with its silo is reactivated and
    /// resumes from its persisted results. Also fills the window, should a start have been lost.
    /// </summary>
    private async Task PokeChunksAsync()
    {
        if (Job.Status != JobStatus.Running)
        {
            return;
        }

        var before = Job.NextChunkToStart;
        try
        {
            // Chunks waiting for the provider batch need nothing until it has delivered; then they finish online.
            var chunks = Job.BatchesDelivered ? Job.ActiveChunks.Keys.Concat(Job.AwaitingBatch.Keys) : Job.ActiveChunks.Keys;
            await Task.WhenAll(chunks.Select(index =>
                GrainFactory.GetGrain<IChunkGrain>(ChunkKeys.Chunk(JobId, index)).Start()));
            await StartChunksAsync();
            if (Job.BatchStarted && !Job.BatchesDelivered)
            {
                await StartBatchAsync();
            }
        }
        catch (Exception ex)
        {
            LogPokeFailed(logger, ex, JobId);
        }

        if (Job.NextChunkToStart != before)
        {
            await WriteAndPublishAsync();
        }
    }

    private async Task StopResumingAsync()
    {
        _pokeTimer?.Dispose();
        _pokeTimer = null;
        if (await this.GetReminder(ResumeReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task CutChunkAsync(int size)
    {
        var rows = _uploadBuffer.GetRange(0, size).ToArray();
        _uploadBuffer.RemoveRange(0, size);
        var input = new ChunkInput(JobId, Job.ChunkCount, Job.TotalRows, Job.Spec!, rows);
        await GrainFactory.GetGrain<IChunkGrain>(ChunkKeys.Chunk(JobId, input.ChunkIndex)).Initialize(input);
        Job.ChunkCount++;
        Job.TotalRows += rows.Length;
    }

    /// <summary>Starts chunks in order until the window is full. Chunk starts interleave, so this never waits on a busy chunk.</summary>
    private async Task StartChunksAsync()
    {
        var starts = new List<Task>();
        var window = ChunkWindow();
        while (Job.NextChunkToStart < Job.ChunkCount && Job.ActiveChunks.Count < window)
        {
            var index = Job.NextChunkToStart++;
            Job.ActiveChunks[index] = new ChunkReport(index, 0, 0, false, UsageTotals.None, new Dictionary<string, int>());
            starts.Add(GrainFactory.GetGrain<IChunkGrain>(ChunkKeys.Chunk(JobId, index)).Start());
        }

        await Task.WhenAll(starts);
    }

    /// <summary>
    /// Chunks to keep started: twice the cluster's row slots (so a chunk finishing its last slow row never leaves
    /// slots idle) plus two, capped by <see cref="ProcessingOptions.MaxActiveChunksPerJob"/>. Recomputed on every
    /// start, so silos that join are used. Fewer activations also means a faster start.
    /// </summary>
    private int ChunkWindow()
    {
        var settings = options.Value;
        var silos = Math.Max(1, membership.CurrentSnapshot.Members.Values.Count(member => member.Status == SiloStatus.Active));
        var rowsWanted = 2L * settings.MaxConcurrentRowsPerSilo * silos;
        var chunks = (rowsWanted + settings.ChunkSize - 1) / settings.ChunkSize + 2;
        return (int)Math.Min(chunks, settings.MaxActiveChunksPerJob);
    }

    private void EnsureStatus(JobStatus expected, string action)
    {
        if (Job.Spec is null)
        {
            throw new InvalidOperationException($"Job {JobId} does not exist.");
        }

        if (Job.Status != expected)
        {
            throw new InvalidOperationException($"Cannot {action} job {JobId}: it is {Job.Status}.");
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
            Job.Spec.RowLimit, RowsPerRequest: Job.Spec.RowsPerRequest, Mode: Job.Spec.Mode, RowsAwaitingBatch: _visible.AwaitingBatch);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} started: {TotalRows} rows in {ChunkCount} chunks")]
    private static partial void LogJobStarted(ILogger logger, string jobId, long totalRows, int chunkCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} completed: {Succeeded} ok, {Failed} failed")]
    private static partial void LogJobCompleted(ILogger logger, string jobId, long succeeded, long failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} cancelled after {Processed} rows")]
    private static partial void LogJobCancelled(ILogger logger, string jobId, long processed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} could not poke its chunks; it tries again on its next tick")]
    private static partial void LogPokeFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} aborted during upload: {Reason}")]
    private static partial void LogJobAborted(ILogger logger, string jobId, string reason);
}
