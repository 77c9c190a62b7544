using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Rows;
using PersonalizedLine.Grains.Processing;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.Rows;

namespace PersonalizedLine.Grains.Chunks;

/// <summary>
/// A slice of a job. Its lifecycle:
/// <list type="number">
/// <item><b>Initialized</b>: the input rows are written once (the same rows again are harmless, other rows are refused).</item>
/// <item><b>Started</b> by its job (again after a pause, or in a retry's next generation): pending rows go to the silos' row runners.</item>
/// <item><b>Collecting</b>: results are recorded in memory (<see cref="ChunkRows"/>), written in batches
/// (<see cref="ProcessingOptions.ResultFlushBatchSize"/> or <see cref="ProcessingOptions.ResultFlushInterval"/>), and only
/// then reported to the job, as absolute counts. A write that fails leaves the changes unsaved and is tried again by the
/// timer; nothing is reported that is not written.</item>
/// <item><b>Complete</b>: every row has a final result, written. Asked again (<see cref="Start"/>), it answers with its final
/// counts, so a report lost with a silo is recovered by the job's reconciliation.</item>
/// </list>
/// In batch mode a row first comes back researched; the chunk keeps its research until the job's provider batch delivers its
/// line (or sends it online).
/// </summary>
/// <remarks>
/// Placed at random over the silos. A job starts its window of chunks at once, and the default (resource-optimized)
/// placement, working from load figures a few seconds old, put most of them on the job's silo: in the 3-silo benchmark
/// that silo made nearly all the chunk state writes and used half as much CPU again as the others.
/// </remarks>
[Orleans.Placement.RandomPlacement]
public sealed partial class ChunkGrain(
    [PersistentState("input", StorageNames.Chunks)] IPersistentState<ChunkInputState> input,
    [PersistentState("results", StorageNames.Chunks)] IPersistentState<ChunkResultsState> saved,
    IOptions<ProcessingOptions> options,
    IOptions<LlmOptions> llm,
    RowRunners runners,
    ILogger<ChunkGrain> logger) : Grain, IChunkGrain
{
    private ChunkRows _rows = new(0);
    private UsageTotals _batchUsage = UsageTotals.None;
    private UsageTotals _retiredUsage = UsageTotals.None;
    private readonly Dictionary<int, string> _batchErrors = [];
    private bool _started;
    private bool _paused;
    private int _generation;
    private string? _cancelReason;

    // Every change to what is written bumps _changes; a successful write records the value it covered.
    private long _changes;
    private long _savedChanges;
    private bool _unreported;
    private ChunkReport? _savedReport;
    private Task? _reporting;
    private readonly HashSet<string> _haltsReported = [];

    private IGrainTimer? _timer;
    private DateTime _lastKickUtc;

    /// <summary>
    /// The silo each row was last sent to, in this activation: a row started again goes back there while that silo is
    /// active, so a silo joining, or the turn order changing with the silos, never runs a row twice at once.
    /// </summary>
    private SiloAddress?[]? _sentTo;
    private ChunkRowRenderer? _renderer;

    /// <summary>The job's templates, parsed once per activation for every row this chunk renders.</summary>
    private ChunkRowRenderer Renderer => _renderer ??= new ChunkRowRenderer(Input.Spec);

    private ChunkInput Input => input.State.Input ?? throw new InvalidOperationException($"Chunk {this.GetPrimaryKeyString()} has no rows.");

    private bool HasUnsavedChanges => _changes != _savedChanges;

    private bool MayStartRows => _started && !_paused && _cancelReason is null;

    private UsageTotals ExtraUsage => _batchUsage.Add(_retiredUsage);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (input.State.Input is { } rows)
        {
            var state = saved.State;
            _rows = new ChunkRows(rows.Rows.Count);
            _rows.Restore(state.Results, state.OnlineRows);
            _batchUsage = state.BatchUsage;
            _retiredUsage = state.RetiredUsage;
            _started = state.Started;
            _paused = state.Paused;
            _generation = state.Generation;
            _cancelReason = state.CancelReason;
            _savedReport = _rows.Report(rows.ChunkIndex, ExtraUsage);
            if (MayStartRows && _rows.HasPending)
            {
                // Reactivated mid-way (deactivated or moved): pick up the rows whose results were not written.
                EnsureTimer();
                KickPendingRows();
            }
        }

        return Task.CompletedTask;
    }

    public async Task Initialize(ChunkInput chunk)
    {
        if (input.State.Input is { } existing)
        {
            if (!ChunkInputs.Same(existing, chunk))
            {
                throw new ChunkConflictException(
                    $"Chunk {this.GetPrimaryKeyString()} already holds rows {existing.FirstRowNumber}..{existing.FirstRowNumber + existing.Rows.Count - 1} " +
                    $"and was sent different rows ({chunk.FirstRowNumber}..{chunk.FirstRowNumber + chunk.Rows.Count - 1}); the upload must start again.");
            }

            return;
        }

        input.State.Input = chunk;
        try
        {
            await input.WriteStateAsync();
        }
        catch
        {
            // Not written: a retry must write it, not find it "already there".
            input.State.Input = null;
            DeactivateOnIdle();
            throw;
        }

        _rows = new ChunkRows(chunk.Rows.Count);
        _savedReport = _rows.Report(chunk.ChunkIndex, UsageTotals.None);

        // An upload writes every chunk before the job starts the first ones; a big file's chunks would otherwise all sit
        // in memory for the idle collection age. The job's start reads each back from storage when its turn comes.
        DeactivateOnIdle();
    }

    public Task<ChunkReport?> Start(ChunkStart start)
    {
        if (input.State.Input is null)
        {
            return Task.FromResult<ChunkReport?>(null);
        }

        var resumed = false;
        if (start.Generation > _generation)
        {
            // A retry: failed rows go back to pending; what they cost stays in the usage.
            _retiredUsage = _retiredUsage.Add(_rows.ResetFailed(start.Scope));
            _generation = start.Generation;
            _cancelReason = null;
            Changed();
            resumed = true;
        }

        if (!_started || _paused)
        {
            _started = true;
            _paused = false;
            Changed();
            resumed = true;
        }

        // A running chunk's rows are started again only as often as its own timer would (a runner ignores a start for a row it is working on).
        if (_rows.HasPending && (resumed || DateTime.UtcNow - _lastKickUtc >= options.Value.PendingRowRetryInterval))
        {
            KickPendingRows();
        }

        if (_rows.HasPending || HasUnsavedChanges || _unreported)
        {
            EnsureTimer();
        }

        // A finished chunk asked by the job's reconciliation answers from storage and leaves again.
        LeaveMemoryIfSettled();
        return Task.FromResult(CurrentReport());
    }

    public Task<ChunkReport?> Pause()
    {
        if (input.State.Input is null)
        {
            return Task.FromResult<ChunkReport?>(null);
        }

        if (!_paused)
        {
            _paused = true;
            Changed();
            EnsureTimer();
        }

        return Task.FromResult(CurrentReport());
    }

    public Task Cancel(string reason)
    {
        if (input.State.Input is null || _rows.IsComplete)
        {
            return Task.CompletedTask;
        }

        _cancelReason = reason;
        Changed();
        var stopped = false;
        for (var index = 0; index < _rows.Count; index++)
        {
            stopped |= _rows.Record(index, RowResult.Failed(reason, retryable: true));
        }

        if (stopped && _started)
        {
            // Stop their provider calls; a result a row still sends is ignored, the first result wins.
            _ = CancelRowsAsync();
        }

        EnsureTimer();
        return Task.CompletedTask;
    }

    public async Task ReportRows(IReadOnlyList<RowReport> reports)
    {
        if (input.State.Input is null)
        {
            return;
        }

        var recorded = false;
        foreach (var report in reports)
        {
            recorded |= Record(report.RowNumber, report.Result);
        }

        if (!recorded)
        {
            return;
        }

        if (_rows.IsComplete || _changes - _savedChanges >= options.Value.ResultFlushBatchSize)
        {
            await SaveAsync();
        }
        else
        {
            EnsureTimer();
        }
    }

    /// <returns>Whether the result was new for its row.</returns>
    private bool Record(long rowNumber, RowResult result)
    {
        var index = rowNumber - Input.FirstRowNumber;
        if (index < 0 || index >= _rows.Count)
        {
            LogForeignRow(logger, rowNumber, this.GetPrimaryKeyString());
            return false;
        }

        if (result is { Status: RowStatus.Halted, AccountProblem: { } problem })
        {
            // The provider refused the key: the row stays pending, and the job pauses with the provider's reason.
            HaltForAccount(problem);
            return false;
        }

        if (!_rows.Record((int)index, result))
        {
            return false;
        }

        Changed();
        return true;
    }

    /// <summary>A graceful shutdown writes what is unsaved, so results of finished rows are never redone.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (input.State.Input is null)
        {
            return;
        }

        try
        {
            await SaveAsync();
        }
        catch (Exception ex)
        {
            LogSaveFailed(logger, ex, this.GetPrimaryKeyString());
        }
    }

    public Task<ChunkOutput> GetOutput()
    {
        var rows = input.State.Input?.Rows ?? [];
        var output = new ChunkOutput(rows, _rows.Results.ToArray());
        // A download reads every chunk of a job once: a finished one goes again, so reading a big result does not raise the peak.
        LeaveMemoryIfSettled();
        return Task.FromResult(output);
    }

    public async Task Delete()
    {
        _timer?.Dispose();
        _timer = null;
        if (input.State.Input is not null && _started && _rows.HasPending)
        {
            _ = CancelRowsAsync();
        }

        await input.ClearStateAsync();
        await saved.ClearStateAsync();
        _rows = new ChunkRows(0);
        DeactivateOnIdle();
    }

    private ProcessingOptions Settings => options.Value;

    private LlmOptions LlmSettings => llm.Value;

    private ILogger Logger => logger;

    private RowRunners Runners => runners;

    private IPersistentState<ChunkInputState> InputState => input;

    private IPersistentState<ChunkResultsState> ResultsState => saved;
}
