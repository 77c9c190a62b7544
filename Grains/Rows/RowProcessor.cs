using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Rows;
using PersonalizedLine.Grains.Jobs;
using PersonalizedLine.Grains.Limits;
using PersonalizedLine.Grains.Processing;
using PersonalizedLine.Grains.Prompts;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.Telemetry;

namespace PersonalizedLine.Grains.Rows;

/// <summary>
/// The work of one row: wait for a slot in this silo, research, have its line written (<see cref="RowLineSender"/>). Never throws: every
/// outcome, including a provider that failed for good or a blown budget, becomes a <see cref="RowResult"/>. A provider that
/// refused the account (<see cref="ProviderAccountException"/>) halts the row instead: it is not processed, not failed.
/// </summary>
public sealed partial class RowProcessor(
    RowConcurrencyLimiter limiter,
    IResearchProvider research,
    RowLineSender lineSender,
    IOptions<ProcessingOptions> options,
    TimeProvider time,
    ILogger<RowProcessor> logger,
    ILocalSiloDetails? siloDetails = null,
    RowTracing? tracing = null)
{
    private readonly string _silo = siloDetails?.Name ?? string.Empty;

    /// <param name="request">The row.</param>
    /// <param name="cancellationToken">The job was cancelled: the row ends as failed, "cancelled".</param>
    /// <param name="abandon">
    /// The silo is shutting down: a row still waiting for a slot gives up and returns null (no result, so its
    /// chunk starts it again elsewhere); a row already talking to providers finishes.
    /// </param>
    public async Task<RowResult?> ProcessAsync(RowRequest request, CancellationToken cancellationToken, CancellationToken abandon)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = tracing?.Start(request);
        RowMetrics.RowStarted(_silo);
        var (result, failureReason) = await WaitAndProcessAsync(request, cancellationToken, abandon).ConfigureAwait(false);
        if (result is not null)
        {
            RowMetrics.RowFinished(_silo, result, failureReason, started);
            activity?.SetTag(TelemetryTags.Outcome, failureReason ?? "succeeded");
        }

        return result;
    }

    /// <returns>The result (null when abandoned) and, unless it succeeded, one of <see cref="RowFailureReason"/>.</returns>
    private async Task<(RowResult? Result, string? FailureReason)> WaitAndProcessAsync(
        RowRequest request, CancellationToken cancellationToken, CancellationToken abandon)
    {
        IDisposable slot;
        using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, abandon))
        {
            try
            {
                slot = await limiter.AcquireAsync(waiting.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (abandon.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return (null, null);
            }
            catch (OperationCanceledException)
            {
                return (RowResult.Failed(JobGrain.CancelledRowMessage, retryable: true), RowFailureReason.Cancelled);
            }
        }

        using (slot)
        {
            return await CallProvidersAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Research, LLM, guardrails, within the row's budget, which starts once the row holds a slot and stops while a
    /// provider call waits for a rate-limit permit.
    /// </summary>
    private async Task<(RowResult Result, string? FailureReason)> CallProvidersAsync(RowRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var budget = new RowBudget(settings.RowTimeout, time, cancellationToken);
        using var waits = PermitWaitScope.Enter(budget);
        var researchUsage = UsageTotals.None;
        var stage = "researching the company";
        try
        {
            // The cluster-wide research cache: a search paid by this row, or a cached (or shared) one.
            var findings = await research.ResearchAsync(request.ResearchQuery, request.RefreshResearchSince, budget.Token).ConfigureAwait(false);
            researchUsage = new UsageTotals(
                0, 0, findings.SearchCalls, CachedSearches: findings.FromCache ? 1 : 0, RateLimitedAnswers: findings.RateLimitedAnswers);

            stage = "writing the line";
            var result = await lineSender.WriteAsync(request, findings.Summary, researchUsage, budget, budget.Token).ConfigureAwait(false);
            return (result, result.Status == RowStatus.Failed ? RowFailureReason.InvalidLine : null);
        }
        catch (ProviderAccountException ex)
        {
            return (RowResult.Halted(ex.Problem, researchUsage), RowFailureReason.Halted);
        }
        catch (ProviderCallException ex)
        {
            return (RowResult.Failed(ex.Message, researchUsage, retryable: true), ProviderCallReason.Of(ex));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (RowResult.Failed(JobGrain.CancelledRowMessage, researchUsage, retryable: true), RowFailureReason.Cancelled);
        }
        catch (OperationCanceledException) when (budget.IsSpent)
        {
            return (RowResult.Failed(
                $"Gave up after {settings.RowTimeout.TotalSeconds:0} s on the providers while {stage} (Processing__RowTimeout; waits for rate-limit permits not counted).",
                researchUsage,
                retryable: true), RowFailureReason.Timeout);
        }
        catch (Exception ex)
        {
            LogUnexpectedFailure(logger, ex, request.RowNumber, stage);
            return (RowResult.Failed($"Unexpected error while {stage}: {ex.Message}", researchUsage), RowFailureReason.Unexpected);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Row {RowNumber} failed unexpectedly while {Stage}")]
    private static partial void LogUnexpectedFailure(ILogger logger, Exception exception, long rowNumber, string stage);
}
