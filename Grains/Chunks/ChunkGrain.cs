using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Rows;
using PersonalizedLine.Grains.Processing;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.Chunks;

/// <summary>
/// A slice of a job. Input rows are persisted once; results are collected in memory and persisted in batches
/// (<see cref="ProcessingOptions.ResultFlushBatchSize"/> or <see cref="ProcessingOptions.ResultFlushInterval"/>),
/// then reported to the job as absolute counts. In batch mode a row first comes back researched; the chunk keeps its
/// research until the job's provider batch delivers its line (or sends it online). The working copy (<c>_results</c>) is separate from the state
/// object so that interleaving calls never touch what a storage write is serializing.
/// </summary>
public sealed partial class ChunkGrain(
    [PersistentState("input", StorageNames.Chunks)] IPersistentState<ChunkInputState> input,
    [PersistentState("results", StorageNames.Chunks)] IPersistentState<ChunkResultsState> saved,
    IOptions<ProcessingOptions> options,
    IOptions<LlmOptions> llm,
    ILogger<ChunkGrain> logger) : Grain, IChunkGrain
{
    private RowResult?[] _results = [];
    private int _done;
    private int _researched;
    private HashSet<int> _onlineRows = [];
    private UsageTotals _batchUsage = UsageTotals.None;
    private readonly Dictionary<int, string> _batchErrors = [];
    private int _unsaved;
    private bool _started;
    private string? _cancelReason;
    private bool _metaUnsaved;
    private bool _unreported;
    private IGrainTimer? _timer;
    private DateTime _lastKickUtc;
    private ChunkRowRenderer? _renderer;

    /// <summary>The job's templates, parsed once per activation for every row this chunk renders.</summary>
    private ChunkRowRenderer Renderer => _renderer ??= new ChunkRowRenderer(Input.Spec);

    private ChunkInput Input => input.State.Input ?? throw new InvalidOperationException($"Chunk {this.GetPrimaryKeyString()} has no rows.");

    private bool IsComplete => _results.Length > 0 && _done == _results.Length;

    /// <summary>Rows with no result yet: to be started (researched rows wait for the provider batch instead).</summary>
    private bool HasPendingRows => _done + _researched < _results.Length;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (input.State.Input is { } rows)
        {
            _results = new RowResult?[rows.Rows.Count];
            _onlineRows = [.. saved.State.OnlineRows];
            _batchUsage = saved.State.BatchUsage;
            foreach (var (index, result) in saved.State.Results)
            {
                if (index >= 0 && index < _results.Length && _results[index] is null)
                {
                    _results[index] = result;
                    if (result.IsFinal)
                    {
                        _done++;
                    }
                    else
                    {
                        _researched++;
                    }
                }
            }

            _started = saved.State.Started;
            _cancelReason = saved.State.CancelReason;
            if (_started && HasPendingRows)
            {
                // Reactivated mid-way (deactivated or moved): pick up the rows whose results were not saved.
                EnsureTimer();
                KickPendingRows();
            }
        }

        return Task.CompletedTask;
    }

    public async Task Initialize(ChunkInput chunk)
    {
        if (input.State.Input is not null)
        {
            return;
        }

        input.State.Input = chunk;
        await input.WriteStateAsync();
        _results = new RowResult?[chunk.Rows.Count];
    }

    public Task Start()
    {
        if (_started || input.State.Input is null)
        {
            return Task.CompletedTask;
        }

        _started = true;
        _metaUnsaved = true;
        EnsureTimer();
        KickPendingRows();
        return Task.CompletedTask;
    }

    public Task Cancel(string reason)
    {
        if (input.State.Input is null || IsComplete)
        {
            return Task.CompletedTask;
        }

        _cancelReason = reason;
        _metaUnsaved = true;
        for (var index = 0; index < _results.Length; index++)
        {
            if (Record(index, RowResult.Failed(reason)) && _started)
            {
                // Stop its provider calls; a result it still sends is ignored, the first result wins.
                _ = GrainFactory.GetGrain<IRowGrain>(ChunkKeys.Row(Input.JobId, Input.FirstRowNumber + index)).Cancel();
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
        if (index < 0 || index >= _results.Length)
        {
            LogForeignRow(logger, rowNumber, this.GetPrimaryKeyString());
            return;
        }

        // Account problems: until this chunk can pause its job, a halted row (the provider refused the key) is recorded as
        // failed with the provider's reason, as it was before rows could halt.
        if (result.Status == RowStatus.Halted)
        {
            result = result with { Status = RowStatus.Failed, AccountProblem = null };
        }

        if (Record((int)index, result) && (IsComplete || _unsaved >= options.Value.ResultFlushBatchSize))
        {
            await SaveAsync();
        }
    }

    /// <summary>A graceful shutdown saves what is unsaved, so results of finished rows are never redone.</summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (input.State.Input is not null)
        {
            try
            {
                await SaveAsync();
            }
            catch (Exception ex)
            {
                LogSaveOnDeactivateFailed(logger, ex, this.GetPrimaryKeyString());
            }
        }
    }

    public Task<ChunkOutput> GetOutput()
    {
        var rows = input.State.Input?.Rows ?? [];
        return Task.FromResult(new ChunkOutput(rows, _results.ToArray()));
    }

    public async Task Clear()
    {
        _timer?.Dispose();
        _timer = null;
        await input.ClearStateAsync();
        await saved.ClearStateAsync();
        DeactivateOnIdle();
    }

    /// <summary>
    /// The first final result of a row wins. A researched row (batch mode) takes a final result later; a row sent
    /// online never goes back to waiting for a batch (a row grain may still hold its old researched result).
    /// </summary>
    private bool Record(int index, RowResult result)
    {
        var current = _results[index];
        if (current is { IsFinal: true } || (current is not null && !result.IsFinal) || (!result.IsFinal && _onlineRows.Contains(index)))
        {
            return false;
        }

        _results[index] = result;
        if (current is not null)
        {
            _researched--;
        }

        if (result.IsFinal)
        {
            _done++;
        }
        else
        {
            _researched++;
        }

        _unsaved++;
        return true;
    }

    public Task<IReadOnlyList<BatchRequestLine>> GetBatchRequests() =>
        Task.FromResult(input.State.Input is null ? [] : ChunkBatchRequests.Build(Input, Renderer, _results, llm.Value));

    public async Task<int> DeliverBatch(BatchDelivery delivery)
    {
        if (input.State.Input is null)
        {
            return 0;
        }

        foreach (var answer in delivery.Answers)
        {
            var outcomes = ChunkBatchAnswers.Read(answer, Input, Renderer, _results, options.Value.MaxLineLength);
            if (outcomes.Count > 0)
            {
                // Counted once: a repeated delivery finds its rows settled and yields no outcome.
                _batchUsage = _batchUsage.Add(ChunkBatchAnswers.UsageOf(answer));
                _metaUnsaved = true;
            }

            foreach (var outcome in outcomes)
            {
                if (outcome.Final is { } final)
                {
                    Record(outcome.Index, final);
                }
                else if (outcome.AskOnline)
                {
                    SendOnline(outcome.Index);
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
        if (HasPendingRows && _cancelReason is null)
        {
            EnsureTimer();
            KickPendingRows();
        }

        return _researched;
    }

    private void SettleUnanswered(BatchDelivery delivery)
    {
        for (var index = 0; index < _results.Length; index++)
        {
            if (_results[index] is not { Status: RowStatus.Researched })
            {
                continue;
            }

            var reason = _batchErrors.GetValueOrDefault(index, delivery.Reason);
            switch (delivery.Unanswered)
            {
                case UnansweredRows.RetryOnline:
                    SendOnline(index);
                    break;
                case UnansweredRows.Fail:
                    Record(index, RowResult.Failed($"The provider batch wrote no line for this row: {reason}.", _results[index]!.Usage));
                    break;
            }
        }

        _batchErrors.Clear();
    }

    /// <summary>The row is asked online; persisted before it starts, so it never waits for a batch again.</summary>
    private void SendOnline(int index)
    {
        if (_results[index] is { Status: RowStatus.Researched })
        {
            _results[index] = null;
            _researched--;
        }

        _onlineRows.Add(index);
        _metaUnsaved = true;
    }

    private void EnsureTimer()
    {
        var interval = options.Value.ResultFlushInterval;
        _timer ??= this.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
    }

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        await SaveAsync();
        if (HasPendingRows && _cancelReason is null && DateTime.UtcNow - _lastKickUtc >= options.Value.PendingRowRetryInterval)
        {
            KickPendingRows();
        }
        else if (!HasPendingRows && _unsaved == 0 && !_metaUnsaved && !_unreported)
        {
            // Nothing to start or save until the provider batch delivers (or the chunk is complete).
            _timer?.Dispose();
            _timer = null;
        }
    }

    /// <summary>Starts every row without a result. Row grains ignore a start while they are working.</summary>
    private void KickPendingRows()
    {
        _lastKickUtc = DateTime.UtcNow;
        var chunkKey = this.GetPrimaryKeyString();
        var starts = new List<Task>();
        for (var index = 0; index < _results.Length; index++)
        {
            if (_results[index] is not null)
            {
                continue;
            }

            var rowNumber = Input.FirstRowNumber + index;
            var (request, failure) = Renderer.Render(chunkKey, rowNumber, Input.Rows[index]);
            if (failure is not null)
            {
                Record(index, failure);
                continue;
            }

            // A row the provider batch could not serve is asked online, alone: a batch-mode row otherwise only researches.
            var online = _onlineRows.Contains(index);
            var prepare = Input.Spec.Mode == JobMode.Batch && !online;
            starts.Add(GrainFactory.GetGrain<IRowGrain>(ChunkKeys.Row(Input.JobId, rowNumber))
                .Start(request! with { PrepareForBatch = prepare, RowsPerRequest = online ? 1 : request.RowsPerRequest }));
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

    private async Task SaveAsync()
    {
        if (_unsaved == 0 && !_metaUnsaved && !_unreported)
        {
            return;
        }

        var results = new Dictionary<int, RowResult>(_done + _researched);
        int succeeded = 0, failed = 0, researched = 0;
        var usage = _batchUsage;
        var bySilo = new Dictionary<string, int>();
        for (var index = 0; index < _results.Length; index++)
        {
            if (_results[index] is { } result)
            {
                results[index] = result;
                usage = usage.Add(result.Usage);
                if (result.Silo.Length > 0)
                {
                    bySilo[result.Silo] = bySilo.GetValueOrDefault(result.Silo) + 1;
                }

                switch (result.Status)
                {
                    case RowStatus.Ok:
                        succeeded++;
                        break;
                    case RowStatus.Researched:
                        researched++;
                        break;
                    default:
                        failed++;
                        break;
                }
            }
        }

        saved.State.Results = results;
        saved.State.Started = _started;
        saved.State.CancelReason = _cancelReason;
        saved.State.OnlineRows = [.. _onlineRows];
        saved.State.BatchUsage = _batchUsage;
        if (_unsaved > 0 || _metaUnsaved)
        {
            _unsaved = 0;
            _metaUnsaved = false;
            await saved.WriteStateAsync();
        }

        // Counts are absolute, so a report that is lost is simply sent again on the next tick.
        _unreported = true;
        var complete = succeeded + failed == _results.Length;
        try
        {
            await GrainFactory.GetGrain<IJobGrain>(Input.JobId)
                .ReportChunk(new ChunkReport(Input.ChunkIndex, succeeded, failed, complete, usage, bySilo, researched, _results.Length));
            _unreported = false;
        }
        catch (Exception ex)
        {
            LogReportFailed(logger, ex, this.GetPrimaryKeyString());
            EnsureTimer();
            return;
        }

        // Complete, or (batch mode) every open row waits for the provider batch: nothing to save or start until it delivers.
        if (complete || (_unsaved == 0 && !_metaUnsaved && researched + succeeded + failed == _results.Length))
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Row {RowNumber} reported to chunk {Chunk}, which does not hold it")]
    private static partial void LogForeignRow(ILogger logger, long rowNumber, string chunk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chunk {Chunk} could not save its results while deactivating; the rows are redone")]
    private static partial void LogSaveOnDeactivateFailed(ILogger logger, Exception exception, string chunk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chunk {Chunk} could not report to its job; it tries again on its next tick")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string chunk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Some rows of chunk {Chunk} could not be started; they are retried later")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string chunk);
}
