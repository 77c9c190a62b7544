using Microsoft.Extensions.Logging;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Rows;

namespace PersonalizedLine.Grains.Rows;

/// <summary>
/// Runs the rows chunks send to its silo. Each row's work runs in the background of the activation and its result is
/// handed back to the chunk when done: no grain call waits on a provider, however slow it is. A chunk spreads its rows
/// over the silos (<see cref="RowRunners"/>), so each silo's limiter and connection pool share the load; one message per
/// silo starts a chunk's rows, where a grain per row cost an activation, a directory entry and two messages each.
/// Results go back the same way: one report to a chunk at a time, carrying every row of it that finished meanwhile.
/// </summary>
/// <remarks>
/// A row is known here by its chunk, number and generation while it runs and until its chunk has its result; a result
/// that could not be reported stays for the chunk's next start, which reports it again instead of running the row twice.
/// Once the chunk has it, the row's key alone is remembered for a few seconds more, for a start that crossed the report.
/// </remarks>
[SiloPinnedPlacement]
public sealed partial class RowRunnerGrain(
    RowProcessor processor,
    ILocalSiloDetails silo,
    ILogger<RowRunnerGrain> logger) : Grain, IRowRunnerGrain
{
    private static readonly TimeSpan[] ReportBackoff =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15)];

    /// <summary>Rows wait for slots and rate-limit permits without bound: idle collection must not take them meanwhile.</summary>
    private static readonly TimeSpan KeptWhileRowsRun = TimeSpan.FromDays(7);

    /// <summary>How long a row whose result its chunk acknowledged is remembered: one to two of these.</summary>
    private static readonly TimeSpan DeliveredKept = TimeSpan.FromSeconds(10);

    private readonly Dictionary<(string Chunk, long Row, int Generation), RowWork> _rows = [];

    // Rows whose results their chunks acknowledged lately. A chunk's timer starts its pending rows again, and such a
    // start can cross the row's report: sent by the chunk before the result reached it, it arrives here after the chunk
    // acknowledged it, when the row is no longer known here, and ran the row (and paid its provider calls) a second
    // time. Such a start is now ignored. Two generations, swapped every DeliveredKept, bound the memory; a start after
    // that is a real one (the chunk lost the result), and runs the row.
    private HashSet<(string Chunk, long Row, int Generation)> _delivered = [];
    private HashSet<(string Chunk, long Row, int Generation)> _deliveredBefore = [];
    private long _deliveredSince = Environment.TickCount64;
    private readonly Dictionary<string, ChunkOutbox> _outboxes = [];
    private readonly CancellationTokenSource _abandon = new();

    public Task Start(int generation, IReadOnlyList<RowRequest> rows)
    {
        DelayDeactivation(KeptWhileRowsRun);
        foreach (var request in rows)
        {
            var key = (request.ChunkKey, request.RowNumber, generation);
            if (!_rows.TryGetValue(key, out var row))
            {
                if (RecentlyDelivered(key))
                {
                    continue;
                }

                row = new RowWork(request);
                _rows[key] = row;
            }
            else if (row.IsRunning)
            {
                continue;
            }

            // Either the first start, or the chunk never got the result this runner has: report it again. A researched
            // result (batch mode) is not reported to a row its chunk now asks online; a halted row (its provider refused the
            // account) is started again when its job resumes, so it runs again.
            var result = row.Result;
            var runAgain = result is null || result.Status == RowStatus.Halted || (!result.IsFinal && !request.PrepareForBatch);
            row.Request = request;
            row.Task = runAgain ? RunAsync(key, row) : ReportAsync(key, row, result!);
        }

        return Task.CompletedTask;
    }

    public Task Cancel(string chunkKey)
    {
        foreach (var (key, row) in _rows)
        {
            if (key.Chunk == chunkKey)
            {
                row.Cancellation.Cancel();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// On a graceful shutdown a row that is talking to providers finishes and reports (within the deactivation
    /// budget); a row still waiting for a slot is abandoned, and its chunk starts it again on another silo.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _abandon.Cancel();
        var running = _rows.Values.Where(row => row.IsRunning).Select(row => row.Task!).ToList();
        if (running.Count == 0)
        {
            return;
        }

        try
        {
            await Task.WhenAll(running).WaitAsync(cancellationToken);
        }
        catch (Exception ex)
        {
            LogAbandoned(logger, ex, running.Count(task => !task.IsCompleted), this.GetPrimaryKeyString());
        }
    }

    private async Task RunAsync((string Chunk, long Row, int Generation) key, RowWork row)
    {
        var result = await processor.ProcessAsync(row.Request, row.Cancellation.Token, _abandon.Token);
        if (result is null)
        {
            // Abandoned: the silo is stopping, and the chunk starts the row again elsewhere.
            _rows.Remove(key);
            return;
        }

        row.Result = result with { Silo = silo.Name };
        await ReportAsync(key, row, row.Result);
    }

    /// <summary>Queues the row's result for its chunk; completes once the chunk has it, or once reporting gave up.</summary>
    private Task ReportAsync((string Chunk, long Row, int Generation) key, RowWork row, RowResult result)
    {
        if (!_outboxes.TryGetValue(key.Chunk, out var outbox))
        {
            outbox = new ChunkOutbox();
            _outboxes[key.Chunk] = outbox;
        }

        var delivered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        outbox.Waiting.Add((key, row, result, delivered));
        if (!outbox.Sending)
        {
            outbox.Sending = true;
            _ = SendAsync(key.Chunk, outbox);
        }

        return delivered.Task;
    }

    /// <summary>Reports to one chunk until nothing waits for it: rows that finish during a report go in the next.</summary>
    private async Task SendAsync(string chunkKey, ChunkOutbox outbox)
    {
        var chunk = GrainFactory.GetGrain<IChunkGrain>(chunkKey);
        while (outbox.Waiting.Count > 0)
        {
            var batch = outbox.Waiting.ToArray();
            outbox.Waiting.Clear();
            var delivered = await DeliverAsync(chunk, batch.Select(item => new RowReport(item.Row.Request.RowNumber, item.Result)).ToArray());
            foreach (var (key, row, _, done) in batch)
            {
                // The chunk has it: nothing here is needed again. Otherwise the result stays for the chunk's next start.
                if (delivered && _rows.TryGetValue(key, out var current) && ReferenceEquals(current, row))
                {
                    _rows.Remove(key);
                    row.Cancellation.Dispose();
                    RememberDelivered(key);
                }

                done.TrySetResult();
            }
        }

        outbox.Sending = false;
        _outboxes.Remove(chunkKey);
    }

    private bool RecentlyDelivered((string Chunk, long Row, int Generation) key)
    {
        Age();
        return _delivered.Contains(key) || _deliveredBefore.Contains(key);
    }

    private void RememberDelivered((string Chunk, long Row, int Generation) key)
    {
        Age();
        _delivered.Add(key);
    }

    /// <summary>Moves the remembered rows one generation on for every <see cref="DeliveredKept"/> passed.</summary>
    private void Age()
    {
        var elapsed = Environment.TickCount64 - _deliveredSince;
        if (elapsed < DeliveredKept.TotalMilliseconds)
        {
            return;
        }

        (_deliveredBefore, _delivered) = (_delivered, _deliveredBefore);
        _delivered.Clear();
        if (elapsed >= 2 * DeliveredKept.TotalMilliseconds)
        {
            // Two periods or more without a look: what was current then is old enough to forget too.
            _deliveredBefore.Clear();
        }

        _deliveredSince = Environment.TickCount64;
    }

    private async Task<bool> DeliverAsync(IChunkGrain chunk, RowReport[] reports)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await chunk.ReportRows(reports);
                return true;
            }
            catch (Exception ex) when (attempt < ReportBackoff.Length)
            {
                LogReportRetry(logger, ex, reports.Length, chunk.GetPrimaryKeyString(), attempt + 1);
                await Task.Delay(ReportBackoff[attempt]);
            }
            catch (Exception ex)
            {
                // The chunk starts its pending rows again later; the results stay here for that.
                LogReportGaveUp(logger, ex, reports.Length, chunk.GetPrimaryKeyString());
                return false;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} rows did not finish before runner {Runner} stopped; their chunks start them again")]
    private static partial void LogAbandoned(ILogger logger, Exception exception, int count, string runner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} row results could not be reported to chunk {Chunk} (attempt {Attempt}); retrying")]
    private static partial void LogReportRetry(ILogger logger, Exception exception, int count, string chunk, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} row results could not be reported to chunk {Chunk}; it will start those rows again")]
    private static partial void LogReportGaveUp(ILogger logger, Exception exception, int count, string chunk);
}
