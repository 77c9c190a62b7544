using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Providers;
using PersonalizedLine.Grains.Interfaces.Rows;
using PersonalizedLine.Grains.Processing;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.Chunks;

/// <summary>
/// A slice of a job. Its lifecycle:
/// <list type="number">
/// <item><b>Initialized</b>: the input rows are written once (the same rows again are harmless, other rows are refused).</item>
/// <item><b>Started</b> by its job (again after a pause, or in a retry's next generation): pending rows go to row grains.</item>
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
public sealed partial class ChunkGrain(
    [PersistentState("input", StorageNames.Chunks)] IPersistentState<ChunkInputState> input,
    [PersistentState("results", StorageNames.Chunks)] IPersistentState<ChunkResultsState> saved,
    IOptions<ProcessingOptions> options,
    IOptions<LlmOptions> llm,
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

        // A running chunk's rows are started again only as often as its own timer would (row grains ignore a start while working).
        if (_rows.HasPending && (resumed || DateTime.UtcNow - _lastKickUtc >= options.Value.PendingRowRetryInterval))
        {
            KickPendingRows();
        }

        if (_rows.HasPending || HasUnsavedChanges || _unreported)
        {
            EnsureTimer();
        }

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
        for (var index = 0; index < _rows.Count; index++)
        {
            if (_rows.Record(index, RowResult.Failed(reason, retryable: true)) && _started)
            {
                // Stop its provider calls; a result it still sends is ignored, the first result wins.
                _ = RowGrain(index).Cancel();
            }
        }

        EnsureTimer();
        return Task.CompletedTask;
    }

    public async Task ReportRow(long rowNumber, RowResult result)
    {
        if (input.State.Input is null)
        {
            return;
        }

        var index = rowNumber - Input.FirstRowNumber;
        if (index < 0 || index >= _rows.Count)
        {
            LogForeignRow(logger, rowNumber, this.GetPrimaryKeyString());
            return;
        }

        if (result is { Status: RowStatus.Halted, AccountProblem: { } problem })
        {
            // The provider refused the key: the row stays pending, and the job pauses with the provider's reason.
            HaltForAccount(problem);
            return;
        }

        if (!_rows.Record((int)index, result))
        {
            return;
        }

        Changed();
        if (_rows.IsComplete || _changes - _savedChanges >= options.Value.ResultFlushBatchSize)
        {
            await SaveAsync();
        }
        else
        {
            EnsureTimer();
        }
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
        return Task.FromResult(new ChunkOutput(rows, _rows.Results.ToArray()));
    }

    public async Task Delete()
    {
        _timer?.Dispose();
        _timer = null;
        if (input.State.Input is not null && _started)
        {
            foreach (var index in _rows.Pending())
            {
                _ = RowGrain(index).Cancel();
            }
        }

        await input.ClearStateAsync();
        await saved.ClearStateAsync();
        _rows = new ChunkRows(0);
        DeactivateOnIdle();
    }

    public Task<IReadOnlyList<BatchRequestLine>> GetBatchRequests() =>
        Task.FromResult(input.State.Input is null ? [] : ChunkBatchRequests.Build(Input, Renderer, _rows.Results, llm.Value));

    public async Task<int> DeliverBatch(BatchDelivery delivery)
    {
        if (input.State.Input is null)
        {
            return 0;
        }

        foreach (var answer in delivery.Answers)
        {
            var outcomes = ChunkBatchAnswers.Read(answer, Input, Renderer, _rows.Results, options.Value.MaxLineLength);
            if (outcomes.Count > 0)
            {
                // Counted once: a repeated delivery finds its rows settled and yields no outcome.
                _batchUsage = _batchUsage.Add(ChunkBatchAnswers.UsageOf(answer));
                Changed();
            }

            foreach (var outcome in outcomes)
            {
                if (outcome.Final is { } final)
                {
                    _rows.Record(outcome.Index, final);
                }
                else if (outcome.AskOnline)
                {
                    _rows.SendOnline(outcome.Index);
                }
                else if (outcome.Error is { } error)
                {
                    _batchErrors[outcome.Index] = error;
                }
            }
        }

        if (delivery.Final)
        {
            SettleUnanswered(delivery);
        }

        await SaveAsync();
        if (_rows.HasPending && MayStartRows)
        {
            EnsureTimer();
            KickPendingRows();
        }

        return _rows.Researched;
    }

    private void SettleUnanswered(BatchDelivery delivery)
    {
        for (var index = 0; index < _rows.Count; index++)
        {
            if (_rows[index] is not { Status: RowStatus.Researched } researched)
            {
                continue;
            }

            var reason = _batchErrors.GetValueOrDefault(index, delivery.Reason);
            switch (delivery.Unanswered)
            {
                case UnansweredRows.RetryOnline:
                    _rows.SendOnline(index);
                    break;
                case UnansweredRows.Fail:
                    _rows.Record(index, RowResult.Failed($"The provider batch wrote no line for this row: {reason}.", researched.Usage, retryable: true));
                    break;
            }
        }

        _batchErrors.Clear();
        Changed();
    }

    /// <summary>
    /// Stops starting rows here and asks the job to pause (once per problem and activation), outside this turn: the
    /// job may be waiting on this chunk. Every chunk meeting the refused key asks the same; a paused job ignores repeats.
    /// </summary>
    private void HaltForAccount(AccountProblem problem)
    {
        if (!_paused)
        {
            _paused = true;
            Changed();
            EnsureTimer();
        }

        if (_haltsReported.Add($"{problem.Kind} {problem.LimitKey}"))
        {
            _ = PauseJobAsync(problem.Message);
        }
    }

    private async Task PauseJobAsync(string reason)
    {
        try
        {
            await GrainFactory.GetGrain<IJobGrain>(Input.JobId).Pause(reason);
        }
        catch (Exception ex)
        {
            LogPauseFailed(logger, ex, this.GetPrimaryKeyString());
        }
    }

    private void Changed() => _changes++;

    /// <summary>
    /// The counts as last written; while changes wait to be written, the counts so far, never marked complete: the job
    /// completes a chunk only on counts that are in storage.
    /// </summary>
    private ChunkReport? CurrentReport() =>
        HasUnsavedChanges ? _rows.Report(Input.ChunkIndex, ExtraUsage) with { IsComplete = false } : _savedReport;

    private IRowGrain RowGrain(int index) =>
        GrainFactory.GetGrain<IRowGrain>(ChunkKeys.Row(Input.JobId, Input.FirstRowNumber + index, _generation));

    private void EnsureTimer()
    {
        var interval = options.Value.ResultFlushInterval;
        _timer ??= this.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
    }

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        await SaveAsync();
        if (_rows.HasPending && MayStartRows)
        {
            if (DateTime.UtcNow - _lastKickUtc >= options.Value.PendingRowRetryInterval)
            {
                KickPendingRows();
            }
        }
        else if (!HasUnsavedChanges && !_unreported)
        {
            // Complete, paused, cancelled, or (batch mode) waiting for the provider batch: nothing to write or start.
            _timer?.Dispose();
            _timer = null;
        }
    }

    /// <summary>Starts every row without a result. Row grains ignore a start while they are working.</summary>
    private void KickPendingRows()
    {
        if (!MayStartRows)
        {
            return;
        }

        _lastKickUtc = DateTime.UtcNow;
        var chunkKey = this.GetPrimaryKeyString();
        var starts = new List<Task>();
        foreach (var index in _rows.Pending().ToList())
        {
            var rowNumber = Input.FirstRowNumber + index;
            var (request, failure) = Renderer.Render(chunkKey, rowNumber, Input.Rows[index]);
            if (failure is not null)
            {
                _rows.Record(index, failure);
                Changed();
                continue;
            }

            // A row the provider batch could not serve, or a retried row, is asked online, alone: a batch-mode row otherwise only researches.
            var online = _rows.OnlineRows.Contains(index);
            var prepare = Input.Spec.Mode == JobMode.Batch && !online;
            starts.Add(RowGrain(index).Start(request! with { PrepareForBatch = prepare, RowsPerRequest = online ? 1 : request.RowsPerRequest }));
        }

        // Not awaited by the caller: a chunk turn never waits on its rows. Failures are retried by the timer.
        _ = ObserveStartsAsync(starts);
    }

    private async Task ObserveStartsAsync(List<Task> starts)
    {
        try
        {
            await Task.WhenAll(starts);
        }
        catch (Exception ex)
        {
            LogStartFailed(logger, ex, this.GetPrimaryKeyString());
        }
    }

    /// <summary>
    /// Writes the changes (if any), then reports the written counts to the job. A failed write keeps the changes
    /// unsaved for the timer to try again; a write refused because storage moved on under this activation (a write
    /// that went through unacknowledged) discards the activation, which reloads what was written.
    /// </summary>
    private async Task SaveAsync()
    {
        if (input.State.Input is null)
        {
            return;
        }

        if (HasUnsavedChanges)
        {
            var covered = _changes;
            var report = _rows.Report(Input.ChunkIndex, ExtraUsage);
            var state = saved.State;
            state.Results = _rows.Snapshot();
            state.Started = _started;
            state.Paused = _paused;
            state.Generation = _generation;
            state.CancelReason = _cancelReason;
            state.OnlineRows = [.. _rows.OnlineRows];
            state.BatchUsage = _batchUsage;
            state.RetiredUsage = _retiredUsage;
            try
            {
                await saved.WriteStateAsync();
            }
            catch (Exception ex)
            {
                LogSaveFailed(logger, ex, this.GetPrimaryKeyString());
                if (ex is Orleans.Storage.InconsistentStateException)
                {
                    DeactivateOnIdle();
                }
                else
                {
                    EnsureTimer();
                }

                return;
            }

            _savedChanges = covered;
            _savedReport = report;
            _unreported = true;
        }

        if (_unreported && _reporting is not { IsCompleted: false })
        {
            _reporting = ReportAsync();
        }
    }

    /// <summary>
    /// Sends the written counts to the job, outside the turn that wrote them: a chunk turn never waits on its job, which
    /// may itself be waiting on this chunk (deleting it). Counts are absolute, so a report that is lost is sent again
    /// on the next tick, or recovered by the job asking.
    /// </summary>
    private async Task ReportAsync()
    {
        while (_unreported && _savedReport is { } report && input.State.Input is { } chunk)
        {
            try
            {
                await GrainFactory.GetGrain<IJobGrain>(chunk.JobId).ReportChunk(report);
            }
            catch (Exception ex)
            {
                LogReportFailed(logger, ex, this.GetPrimaryKeyString());
                EnsureTimer();
                return;
            }

            // A newer write while this report was on its way is reported in turn.
            _unreported = !ReferenceEquals(report, _savedReport);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chunk {Chunk} could not pause its job after a provider refused the key")]
    private static partial void LogPauseFailed(ILogger logger, Exception exception, string chunk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Row {RowNumber} reported to chunk {Chunk}, which does not hold it")]
    private static partial void LogForeignRow(ILogger logger, long rowNumber, string chunk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chunk {Chunk} could not write its results; it tries again on its next tick")]
    private static partial void LogSaveFailed(ILogger logger, Exception exception, string chunk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chunk {Chunk} could not report to its job; it tries again on its next tick")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string chunk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Some rows of chunk {Chunk} could not be started; they are retried later")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string chunk);
}
