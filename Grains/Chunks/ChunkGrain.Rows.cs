using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Providers;
using PersonalizedLine.Grains.Interfaces.Rows;
using PersonalizedLine.Grains.Rows;

namespace PersonalizedLine.Grains.Chunks;

/// <summary>Starting rows: the timer that writes and restarts, the silos' row runners, and a pause asked by a refused provider key.</summary>
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

    /// <summary>Abandons the provider calls of this chunk's rows on every silo, outside the turn (a runner never waits on a chunk, nor a chunk on a runner).</summary>
    private async Task CancelRowsAsync()
    {
        var chunkKey = this.GetPrimaryKeyString();
        try
        {
            await Task.WhenAll(Runners.ActiveSilos().Select(silo => Runners.On(silo, Input.ChunkIndex).Cancel(chunkKey)));
        }
        catch (Exception ex)
        {
            LogCancelFailed(Logger, ex, chunkKey);
        }
    }

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

    /// <summary>Starts every row without a result. A runner ignores a start for a row it is working on.</summary>
    private void KickPendingRows()
    {
        if (!MayStartRows)
        {
            return;
        }

        _lastKickUtc = DateTime.UtcNow;
        var chunkKey = this.GetPrimaryKeyString();
        var silos = Runners.ActiveSilos();
        var turnOrder = RowRunners.TurnOrder(silos, Input.JobId);
        var active = silos.ToHashSet();
        _sentTo ??= new SiloAddress?[Input.Rows.Count];
        var bySilo = new Dictionary<SiloAddress, List<RowRequest>>();
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
            // Rows are shared evenly over the silos, so every silo's limiter and connection pool share the load. A row
            // started again goes to the silo it went to, whose runner ignores it while it is still working on it; only
            // when that silo has left does it go to the silo its turn names now.
            var silo = _sentTo[index] is { } sentBefore && active.Contains(sentBefore) ? sentBefore : RowRunners.SiloFor(turnOrder, rowNumber);
            _sentTo[index] = silo;
            if (!bySilo.TryGetValue(silo, out var rows))
            {
                bySilo[silo] = rows = [];
            }

            rows.Add(request! with { PrepareForBatch = prepare, RowsPerRequest = online ? 1 : request.RowsPerRequest });
        }

        // One call per silo. Not awaited by the caller: a chunk turn never waits on its rows. Failures are retried by the timer.
        _ = ObserveStartsAsync(bySilo.Select(group => Runners.On(group.Key, Input.ChunkIndex).Start(_generation, group.Value)).ToList());
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
