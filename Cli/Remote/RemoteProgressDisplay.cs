using PersonalizedLine.Client.Sdk.Models;
using Spectre.Console;

namespace PersonalizedLine.Cli.Remote;

/// <summary>A server job's progress in the words and columns the embedded mode uses.</summary>
public static class RemoteProgressDisplay
{
    public static ProgressColumn[] Columns() =>
        [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn()];

    public static string Describe(JobProgress progress) =>
        $"{progress.ProcessedRows:N0}/{progress.TotalRows:N0} rows · [green]{progress.SucceededRows:N0} ok[/] · [red]{progress.FailedRows:N0} failed[/] · {progress.RowsPerSecond:N1} rows/s"
        + Waiting(progress) + Batches(progress);

    /// <summary>What the job spent, as the embedded mode's summary says it.</summary>
    public static string Spent(JobProgress progress) =>
        $"{progress.Usage.SearchCalls:N0} searches, {progress.Usage.CachedSearches:N0} cached, {progress.Usage.TotalTokens:N0} tokens" +
        (progress.Cost is { } cost ? $", {EstimatePrinter.Money(cost.Total)}" : string.Empty);

    private static string Batches(JobProgress progress)
    {
        if (progress.Mode != "batch")
        {
            return string.Empty;
        }

        var batches = progress.ProviderBatch?.Batches ?? [];
        var status = batches.Count == 0
            ? progress.ProviderBatch?.Phase ?? "researching"
            : string.Join(", ", batches.Select(b => $"{b.Status} {b.Completed:N0}/{b.Total:N0}"));
        return Markup.Escape($" · provider batch: {status}") +
            (progress.RowsAwaitingBatch > 0 ? Markup.Escape($" ({progress.RowsAwaitingBatch:N0} rows waiting)") : string.Empty);
    }

    private static string Waiting(JobProgress progress)
    {
        var waiting = progress.ProviderLimits.Where(limit => limit.WaitingRequests > 0).ToList();
        return waiting.Count == 0
            ? string.Empty
            : " · [yellow]waiting on " + string.Join(", ", waiting.Select(limit =>
                Markup.Escape($"{limit.Limit.Split(' ')[0]} limit ({limit.WaitingRequests:N0} queued, {Pace(limit)})"))) + "[/]";
    }

    private static string Pace(ProviderLimit limit) => limit.RequestsPerMinute > 0
        ? $"{limit.RequestsPerMinute:N0} requests/min"
        : $"{limit.TokensPerMinute:N0} tokens/min";
}
