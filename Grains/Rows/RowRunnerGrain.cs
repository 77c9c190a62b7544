using Microsoft.Extensions.Logging;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Rows;

namespace PersonalizedLine.Grains.Rows;

/// <summary>
/// Runs the rows chunks send to its silo. Each row's work runs in the background of the activation and its result is
/// handed back to the chunk when done: no grain call waits on a provider, however slow it is. The chunk picks a silo
/// at random for every row, so each silo's limiter and connection pool share the load; one message per silo starts a
/// chunk's rows, where a grain per row cost an activation, a directory entry and two messages each.
/// </summary>
/// <remarks>
/// A row is known here by its chunk, number and generation while it runs and until its chunk has its result; a result
/// that could not be reported stays for the chunk's next start, which reports it again instead of running the row twice.
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

    private readonly Dictionary<(string Chunk, long Row, int Generation), RowWork> _rows = [];
    private readonly CancellationTokenSource _abandon = new();

    public Task Start(int generation, IReadOnlyList<RowRequest> rows)
    {
        DelayDeactivation(KeptWhileRowsRun);
        foreach (var request in rows)
        {
            var key = (request.ChunkKey, request.RowNumber, generation);
            if (!_rows.TryGetValue(key, out var row))
            {
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

    private async Task ReportAsync((string Chunk, long Row, int Generation) key, RowWork row, RowResult result)
    {
        var chunk = GrainFactory.GetGrain<IChunkGrain>(row.Request.ChunkKey);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await chunk.ReportRow(row.Request.RowNumber, result);
                // The chunk has it: nothing here is needed again.
                if (_rows.TryGetValue(key, out var current) && ReferenceEquals(current, row))
                {
                    _rows.Remove(key);
                    row.Cancellation.Dispose();
                }

                return;
            }
            catch (Exception ex) when (attempt < ReportBackoff.Length)
            {
                LogReportRetry(logger, ex, row.Request.RowNumber, attempt + 1);
                await Task.Delay(ReportBackoff[attempt]);
            }
            catch (Exception ex)
            {
                // The chunk starts its pending rows again later; the result stays here for that.
                LogReportGaveUp(logger, ex, row.Request.RowNumber);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} rows did not finish before runner {Runner} stopped; their chunks start them again")]
    private static partial void LogAbandoned(ILogger logger, Exception exception, int count, string runner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Row {RowNumber} could not report its result (attempt {Attempt}); retrying")]
    private static partial void LogReportRetry(ILogger logger, Exception exception, long rowNumber, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Row {RowNumber} could not report its result; its chunk will start it again")]
    private static partial void LogReportGaveUp(ILogger logger, Exception exception, long rowNumber);
}
