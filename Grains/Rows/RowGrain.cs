using Microsoft.Extensions.Logging;
using Orleans.Placement;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Rows;

namespace PersonalizedLine.Grains.Rows;

/// <summary>
/// One row. Random placement spreads rows over every silo, so each silo's limiter and connection pool share the
/// load. The work runs in the background of the activation and is handed back to the chunk when done: no grain
/// call waits on a provider, however slow it is.
/// </summary>
[RandomPlacement]
public sealed partial class RowGrain(
    RowProcessor processor,
    ILocalSiloDetails silo,
    ILogger<RowGrain> logger) : Grain, IRowGrain
{
    private static readonly TimeSpan[] ReportBackoff =
        [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15)];

    private readonly CancellationTokenSource _cancellation = new();
    private readonly CancellationTokenSource _abandon = new();
    private Task? _work;
    private RowResult? _result;

    public Task Start(RowRequest request)
    {
        if (_work is { IsCompleted: false })
        {
            return Task.CompletedTask;
        }

        // Either the first start, or the chunk never got the result we already have: report it again. A researched
        // result (batch mode) is not reported to a row its chunk now asks online; a halted row (its provider refused the
        // account) is started again when its job resumes, so it runs again.
        var runAgain = _result is null || _result.Status == RowStatus.Halted || (!_result.IsFinal && !request.PrepareForBatch);
        _work = runAgain ? RunAsync(request) : ReportAsync(request, _result!);
        return Task.CompletedTask;
    }

    public Task Cancel()
    {
        _cancellation.Cancel();
        return Task.CompletedTask;
    }

    /// <summary>
    /// On a graceful shutdown a row that is talking to providers finishes and reports (within the deactivation
    /// budget); a row still waiting for a slot is abandoned, and its chunk starts it again on another silo.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _abandon.Cancel();
        if (_work is { IsCompleted: false } work)
        {
            try
            {
                await work.WaitAsync(cancellationToken);
            }
            catch (Exception ex)
            {
                LogAbandoned(logger, ex, this.GetPrimaryKeyString());
            }
        }
    }

    private async Task RunAsync(RowRequest request)
    {
        // Idle collection must not take the activation while its row waits for a slot, a rate-limit permit (no bound:
        // a big file behind a small plan waits for hours) or a provider. The row deactivates itself once reported.
        DelayDeactivation(TimeSpan.FromDays(7));
        var result = await processor.ProcessAsync(request, _cancellation.Token, _abandon.Token);
        if (result is null)
        {
            return;
        }

        _result = result with { Silo = silo.Name };
        await ReportAsync(request, _result);
    }

    private async Task ReportAsync(RowRequest request, RowResult result)
    {
        var chunk = GrainFactory.GetGrain<IChunkGrain>(request.ChunkKey);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await chunk.ReportRow(request.RowNumber, result);
                DeactivateOnIdle();
                return;
            }
            catch (Exception ex) when (attempt < ReportBackoff.Length)
            {
                LogReportRetry(logger, ex, request.RowNumber, attempt + 1);
                await Task.Delay(ReportBackoff[attempt]);
            }
            catch (Exception ex)
            {
                // The chunk starts its pending rows again later; this activation keeps the result for that.
                LogReportGaveUp(logger, ex, request.RowNumber);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Row {Row} did not finish before its silo stopped; its chunk starts it again")]
    private static partial void LogAbandoned(ILogger logger, Exception exception, string row);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Row {RowNumber} could not report its result (attempt {Attempt}); retrying")]
    private static partial void LogReportRetry(ILogger logger, Exception exception, long rowNumber, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Row {RowNumber} could not report its result; its chunk will start it again")]
    private static partial void LogReportGaveUp(ILogger logger, Exception exception, long rowNumber);
}
