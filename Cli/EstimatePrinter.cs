using System.Globalization;
using PersonalizedLine.Grains.Estimates;
using Spectre.Console;

namespace PersonalizedLine.Cli;

/// <summary>Prints an estimate as a two-column table, then its notes.</summary>
public static class EstimatePrinter
{
    public static void Print(string inputPath, JobEstimate estimate)
    {
        var title = estimate.RowLimit is { } limit ? $"Estimate for {inputPath} (first {limit} rows)" : $"Estimate for {inputPath}";
        var table = new Table().Title(Markup.Escape(title)).AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));

        Row("model", estimate.Model);
        Row("rows", Number(estimate.Rows));
        Row("rows failing before any call", Number(estimate.InvalidRows));
        Row("distinct research queries", Number(estimate.DistinctResearchQueries));
        Row("already cached", Number(estimate.CachedResearchQueries) + (estimate.CachedResearchQueriesExtrapolated ? " (extrapolated)" : string.Empty));
        Row("searches to make", Number(estimate.SearchesToMake));
        Row("LLM requests", Number(estimate.LlmRequests) + (estimate.RowsPerRequest > 1 ? $" ({estimate.RowsPerRequest} rows each)" : string.Empty));
        Row("prompt tokens (est.)", Number(estimate.PromptTokens));
        Row("completion tokens, max", Number(estimate.CompletionTokensMax));
        Row("completion tokens, typical", Number(estimate.CompletionTokensTypical));
        Row("expected duration", estimate.ExpectedDurationSeconds is { } seconds
            ? $"{Duration(seconds)} ({estimate.BindingLimit})"
            : "not estimated (no limit configured)");
        Row("cost, LLM", estimate.Cost is { } llm ? Money(llm.Llm) : "unknown");
        Row("cost, search", estimate.Cost is { } search ? Money(search.Search) : "unknown");
        Row("cost, total", estimate.Cost is { } total ? Money(total.Total) : "unknown");
        AnsiConsole.Write(table);
        foreach (var note in estimate.Notes)
        {
            AnsiConsole.MarkupLine($"[grey]- {Markup.Escape(note)}[/]");
        }

        InputWarningsPrinter.Print(estimate.Warnings);
    }

    /// <summary>US dollars, with enough decimals to show a fraction of a cent.</summary>
    public static string Money(decimal usd) => "$" + usd.ToString(usd >= 1 ? "N2" : "0.######", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Duration(double seconds) => seconds < 120
        ? seconds.ToString("0.#", CultureInfo.InvariantCulture) + " s"
        : TimeSpan.FromSeconds(Math.Ceiling(seconds)).ToString(seconds >= 86_400 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", CultureInfo.InvariantCulture);
}
