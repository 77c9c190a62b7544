using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Providers;
using PersonalizedLine.Grains.Interfaces.Rows;

namespace PersonalizedLine.Grains.Chunks;

/// <summary>Starting rows: the timer that writes and restarts, the row grains, and a pause asked by a refused provider key.</summary>
public sealed partial class ChunkGrain
{
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
            LogPauseFailed(Logger, ex, this.GetPrimaryKeyString());
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
        var interval = Settings.ResultFlushInterval;
        _timer ??= this.RegisterGrainTimer(OnTimerAsync, new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
    }

    private async Task OnTimerAsync(CancellationToken cancellationToken)
    {
        await SaveAsync();
        if (_rows.HasPending && MayStartRows)
        {
            if (DateTime.UtcNow - _lastKickUtc >= Settings.PendingRowRetryInterval)
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
            LogStartFailed(Logger, ex, this.GetPrimaryKeyString());
        }
    }
}
