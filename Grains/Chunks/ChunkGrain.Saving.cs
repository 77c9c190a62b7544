using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Telemetry;

namespace PersonalizedLine.Grains.Chunks;

/// <summary>Writing results, then reporting the written counts to the job.</summary>
public sealed partial class ChunkGrain
{
    /// <summary>
    /// Writes the changes (if any), then reports the written counts to the job. A failed write keeps the changes
    /// unsaved for the timer to try again; a write refused because storage moved on under this activation (a write
    /// that went through unacknowledged) discards the activation, which reloads what was written.
    /// </summary>
    private async Task SaveAsync()
    {
        if (InputState.State.Input is null)
        {
            return;
        }

        if (HasUnsavedChanges)
        {
            var covered = _changes;
            var report = _rows.Report(Input.ChunkIndex, ExtraUsage);
            var state = ResultsState.State;
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
                await StateWriteMetrics.Track(StateWriteMetrics.Chunk, ResultsState.WriteStateAsync());
            }
            catch (Exception ex)
            {
                LogSaveFailed(Logger, ex, this.GetPrimaryKeyString());
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
        while (_unreported && _savedReport is { } report && InputState.State.Input is { } chunk)
        {
            try
            {
                await GrainFactory.GetGrain<IJobGrain>(chunk.JobId).ReportChunk(report);
            }
            catch (Exception ex)
            {
                LogReportFailed(Logger, ex, this.GetPrimaryKeyString());
                EnsureTimer();
                return;
            }

            // A newer write while this report was on its way is reported in turn.
            _unreported = !ReferenceEquals(report, _savedReport);
        }

        LeaveMemoryIfSettled();
    }

    /// <summary>
    /// A finished chunk holds its rows' inputs and results in memory (about a kilobyte a row): once every row has a
    /// result that is written and reported, it leaves memory at once instead of after the idle collection age, during
    /// which a fast job would keep minutes of finished rows live. The job's reconciliation or a download reads it back
    /// from storage.
    /// </summary>
    private void LeaveMemoryIfSettled()
    {
        if (_rows.IsComplete && !HasUnsavedChanges && !_unreported)
        {
            DeactivateOnIdle();
        }
    }
}
