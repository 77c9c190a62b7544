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

    public async Task<JobProgress> Seal(long expectedRows, IReadOnlyList<string>? warnings = null)
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

        Job.Warnings = warnings is { Count: > 0 } ? [.. warnings] : null;
        Job.StartedAt = clock.GetUtcNow();
        Job.Status = Job.TotalRows == 0 ? JobStatus.Completed : JobStatus.Running;
        Job.FinishedAt = Job.TotalRows == 0 ? Job.StartedAt : null;
        await PersistAsync();
        LogJobStarted(logger, JobId, Job.TotalRows, Job.ChunkCount);
        foreach (var warning in Job.Warnings ?? [])
        {
            LogInputWarning(logger, JobId, warning);
        }
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

    private ProcessingOptions Settings => options.Value;

    private JobsOptions Lifetimes => jobs.Value;

    private TimeProvider Clock => clock;

    private ILogger Logger => logger;

    private IPersistentState<JobState> Storage => state;

    private IClusterMembershipService Membership => membership;
}
