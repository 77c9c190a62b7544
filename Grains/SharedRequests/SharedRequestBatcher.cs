using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Limits;
using PersonalizedLine.Grains.Processing;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.SharedRequests;

/// <summary>
/// Gathers the rows of a job that finish their research in this silo into shared chat requests of up to the job's
/// rows per request. A request leaves when it is full, when one more row would take it past <see cref="SharedRequestCap"/>, or when
/// its first row has waited <see cref="LlmOptions.RowsPerRequestWait"/>; so the end of a job or a slow trickle of rows
/// never holds a row (and its slot) for long. Rows are gathered per silo because a row's research is where the row
/// runs; per job, because one customer's leads must never share a prompt with another's.
/// </summary>
public sealed partial class SharedRequestBatcher(
    ILineWriter writer,
    IOptions<LlmOptions> options,
    IOptions<ProcessingOptions> processing,
    TokenCostEstimator tokens,
    AdvertisedTokenLimits advertised,
    TimeProvider time,
    ILogger<SharedRequestBatcher> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RowGathering> _gatherings = new(StringComparer.Ordinal);

    /// <summary>True when rows can share requests: a real LLM is configured.</summary>
    public bool IsAvailable => writer is ISharedLineWriter;

    /// <summary>Waits for the row's share of a request; cancelling withdraws the row (and the request, if it was the last row).</summary>
    public Task<SharedRowResult> WriteAsync(SharedRowEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var row = new WaitingRow(entry);
        var key = string.Join('\n', entry.JobId, entry.Model, entry.RowsPerRequest.ToString(CultureInfo.InvariantCulture));
        List<WaitingRow>? before = null, full = null;
        lock (_lock)
        {
            if (_gatherings.TryGetValue(key, out var gathering) && !Fits(gathering, entry))
            {
                before = Detach(key, gathering);
                gathering = null;
            }

            if (gathering is null)
            {
                gathering = new RowGathering(entry.PromptTemplate, entry.Model, entry.RowsPerRequest);
                _gatherings[key] = gathering;
                var started = gathering;
                gathering.Timer = time.CreateTimer(_ => FlushWhenDue(key, started), null, options.Value.RowsPerRequestWait, Timeout.InfiniteTimeSpan);
            }

            gathering.Add(row);
            // Gathered rows hold their slots: when they hold all of this silo's, no other row could come to join them.
            if (gathering.Rows.Count >= gathering.RowsPerRequest || gathering.Rows.Count >= processing.Value.MaxConcurrentRowsPerSilo)
            {
                full = Detach(key, gathering);
            }
        }

        if (before is not null)
        {
            Send(before);
        }

        if (full is not null)
        {
            Send(full);
        }

        row.Registration = cancellationToken.Register(() => Withdraw(key, row, cancellationToken));
        return row.Outcome;
    }

    private bool Fits(RowGathering gathering, SharedRowEntry entry)
    {
        var rows = gathering.Rows.Count + 1;
        var chars = gathering.FixedChars + gathering.RowChars + entry.RowJson.Length + 1;
        return tokens.RequestCost(chars, SharedPromptBuilder.AnswerTokens(rows, options.Value.MaxTokens)) <= SharedRequestCap.Tokens(options.Value, advertised.For(gathering.Model));
    }

    private List<WaitingRow> Detach(string key, RowGathering gathering)
    {
        _gatherings.Remove(key);
        gathering.Timer?.Dispose();
        return gathering.Rows;
    }

    private void FlushWhenDue(string key, RowGathering gathering)
    {
        List<WaitingRow>? due = null;
        lock (_lock)
        {
            if (_gatherings.TryGetValue(key, out var current) && ReferenceEquals(current, gathering))
            {
                due = Detach(key, gathering);
            }
        }

        if (due is not null)
        {
            Send(due);
        }
    }

    private void Withdraw(string key, WaitingRow row, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_gatherings.TryGetValue(key, out var gathering) && gathering.Rows.Remove(row) && gathering.Rows.Count == 0)
            {
                Detach(key, gathering);
            }
        }

        row.Withdraw(cancellationToken);
        row.Flight?.RowWithdrawn();
    }

    private void Send(List<WaitingRow> gathered)
    {
        var rows = gathered.Where(row => !row.IsSettled).ToList();
        switch (rows.Count)
        {
            case 0:
                return;
            case 1:
                rows[0].Settle(new SharedRowResult(SharedRowLine.Alone, UsageTotals.None));
                return;
            default:
                // Not awaited: the rows await their own outcomes, and every path below settles all of them.
                _ = SendSharedAsync(rows);
                return;
        }
    }

    private async Task SendSharedAsync(List<WaitingRow> rows)
    {
        using var flight = new SharedFlight(rows.Count);
        foreach (var row in rows)
        {
            row.Flight = flight;
            if (row.IsSettled)
            {
                flight.RowWithdrawn();
            }
        }

        var first = rows[0].Entry;
        var request = SharedPromptBuilder.Build(first.PromptTemplate, rows.Select(row => row.Entry.RowJson).ToList(), first.Model, options.Value.MaxTokens);
        var identities = rows.Select(row => new SharedRowIdentity(row.Entry.RowNumber.ToString(CultureInfo.InvariantCulture), row.Entry.Company)).ToList();
        var listeners = rows.Select(row => row.Entry.PermitWaits).OfType<IPermitWaitListener>().ToList();
        try
        {
            SharedLineAnswer answer;
            using (PermitWaitScope.Enter(new SharedPermitWaitListener(listeners)))
            {
                answer = await ((ISharedLineWriter)writer).WriteSharedAsync(request, flight.Token).ConfigureAwait(false);
            }

            var lines = SharedAnswerReader.Read(answer.Content, answer.FinishReason, identities);
            var alone = lines.Count(line => line.Line is null);
            if (alone > 0)
            {
                LogRowsSentAlone(logger, alone, rows.Count, first.JobId, lines.First(line => line.Line is null).SendAloneReason);
            }

            for (var index = 0; index < rows.Count; index++)
            {
                rows[index].Settle(new SharedRowResult(lines[index], ShareOf(answer, index, rows.Count)));
            }
        }
        catch (ProviderCallException ex)
        {
            // Each row gets its own request (and its own retries); the failure may well be about the shared one.
            LogSharedRequestFailed(logger, ex, rows.Count, first.JobId);
            SettleAll(rows, SharedRowLine.SendAlone($"the request shared with other rows failed: {ex.Message}"));
        }
        catch (OperationCanceledException)
        {
            // Every row was withdrawn already; nobody waits for an outcome.
        }
        catch (Exception ex)
        {
            LogSharedRequestFailed(logger, ex, rows.Count, first.JobId);
            SettleAll(rows, SharedRowLine.SendAlone($"the request shared with other rows failed unexpectedly: {ex.Message}"));
        }
    }

    private static void SettleAll(List<WaitingRow> rows, SharedRowLine outcome)
    {
        foreach (var row in rows)
        {
            row.Settle(new SharedRowResult(outcome, UsageTotals.None));
        }
    }

    private static UsageTotals ShareOf(SharedLineAnswer answer, int index, int rows)
    {
        long Share(long total) => (total / rows) + (index == 0 ? total % rows : 0);
        return new UsageTotals(
            Share(answer.PromptTokens), Share(answer.CompletionTokens), 0,
            LlmRequests: index == 0 ? 1 : 0, RateLimitedAnswers: index == 0 ? answer.RateLimitedAnswers : 0);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Alone} of {Rows} rows of job {JobId} are asked again alone: {Reason}")]
    private static partial void LogRowsSentAlone(ILogger logger, int alone, int rows, string jobId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A request shared by {Rows} rows of job {JobId} failed; each row is asked alone")]
    private static partial void LogSharedRequestFailed(ILogger logger, Exception exception, int rows, string jobId);
}
