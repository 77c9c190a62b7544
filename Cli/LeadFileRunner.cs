using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PersonalizedLine.Grains.Csv;
using PersonalizedLine.Grains.Estimates;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Limits;
using PersonalizedLine.Grains.Pricing;
using PersonalizedLine.Grains.Submission;
using Spectre.Console;

namespace PersonalizedLine.Cli;

/// <summary>
/// Runs one file through the pipeline with a live progress display, then writes the output CSV; or, with
/// <c>--estimate</c>, only prints what the file would cost.
/// </summary>
public sealed class LeadFileRunner(IServiceProvider services, bool offlineResearch, bool offlineLlm)
{
    public const int ExitBadInput = 2;
    public const int ExitCancelled = 130;

    /// <summary>A provider refused the key (revoked, out of credit, over a daily quota): the job paused itself.</summary>
    public const int ExitPaused = 3;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public async Task<int> RunAsync(CommandLineOptions options)
    {
        if (!File.Exists(options.InputPath))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]No such file: {options.InputPath}[/]");
            return ExitBadInput;
        }

        var prompt = options.Prompt is ['@', .. var promptFile] ? await File.ReadAllTextAsync(promptFile) : options.Prompt;
        var grains = services.GetRequiredService<IGrainFactory>();
        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            interrupt.Cancel();
        };

        var clock = Stopwatch.StartNew();
        var request = new JobRequest(Path.GetFileName(options.InputPath), prompt, options.ResearchQuery, options.Model, options.RefreshResearch, options.Limit, options.RowsPerRequest,
            options.Batch ? JobMode.Batch : null, Sheet: options.Sheet);
        JobProgress progress;
        try
        {
            await using var input = File.OpenRead(options.InputPath);
            if (options.Estimate)
            {
                var estimate = await services.GetRequiredService<JobEstimator>().EstimateAsync(input, request, interrupt.Token);
                EstimatePrinter.Print(options.InputPath, estimate);
                PrintOfflineNotice(offlineResearch, offlineLlm, "would run");
                return 0;
            }

            progress = await services.GetRequiredService<JobSubmitter>().SubmitAsync(input, request, null, interrupt.Token);
        }
        catch (Exception ex) when (ex is CsvInputException or JobRejectedException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]Cannot process {options.InputPath}:[/] {ex.Message}");
            return ExitBadInput;
        }

        InputWarningsPrinter.Print(progress.Warnings);
        var job = grains.GetGrain<IJobGrain>(progress.JobId);
        progress = await FollowAsync(job, progress, interrupt.Token);
        if (!await ResultFileWriter.WriteAsync(services.GetRequiredService<JobResultWriter>(), job, progress.JobId, options))
        {
            return ExitBadInput;
        }

        PrintSummary(options, progress, clock.Elapsed);
        return progress.Status switch
        {
            JobStatus.Cancelled => ExitCancelled,
            JobStatus.Paused => ExitPaused,
            _ => 0,
        };
    }

    private static async Task<JobProgress> FollowAsync(IJobGrain job, JobProgress progress, CancellationToken interrupt)
    {
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Describe(progress), maxValue: Math.Max(1, progress.TotalRows));
                while (progress.Status is JobStatus.Queued or JobStatus.Running)
                {
                    if (interrupt.IsCancellationRequested)
                    {
                        progress = await job.Cancel() ?? progress;
                        break;
                    }

                    try
                    {
                        await Task.Delay(PollInterval, interrupt);
                    }
                    catch (OperationCanceledException)
                    {
                        continue;
                    }

                    progress = await job.GetProgress() ?? progress;
                    task.Value = progress.ProcessedRows;
                    task.Description = Describe(progress);
                }

                task.Value = progress.ProcessedRows;
                task.Description = Describe(progress);
            });
        return progress;
    }

    private static string Describe(JobProgress progress) =>
        $"{progress.ProcessedRows:N0}/{progress.TotalRows:N0} rows · [green]{progress.SucceededRows:N0} ok[/] · [red]{progress.FailedRows:N0} failed[/] · {progress.RowsPerSecond:N1} rows/s"
        + Waiting(progress) + Batches(progress);

    /// <summary>A batch-mode job: rows waiting for the provider batch, and the batches' status and counts.</summary>
    private static string Batches(JobProgress progress)
    {
        if (progress.Mode != JobMode.Batch)
        {
            return string.Empty;
        }

        var batches = progress.ProviderBatch?.Batches ?? [];
        var status = batches.Count == 0
            ? progress.ProviderBatch?.Phase ?? "researching"
            : string.Join(", ", batches.Select(b => $"{b.Status} {b.Completed:N0}/{b.Total:N0}"));
        return Markup.Escape($" · provider batch: {status}") + (progress.RowsAwaitingBatch > 0 ? Markup.Escape($" ({progress.RowsAwaitingBatch:N0} rows waiting)") : string.Empty);
    }

    /// <summary>Which provider limit rows are queued behind, so a slow job explains itself.</summary>
    private static string Waiting(JobProgress progress)
    {
        var waiting = progress.ProviderLimits?.Where(limit => limit.WaitingRequests > 0).ToList() ?? [];
        return waiting.Count == 0
            ? string.Empty
            : " · [yellow]waiting on " + string.Join(", ", waiting.Select(limit =>
                Markup.Escape($"{limit.Key.Split(' ')[0]} limit ({limit.WaitingRequests:N0} queued, {Pace(limit)})"))) + "[/]";
    }

    private static string Pace(ProviderLimitStatus limit) => limit.RequestsPerSecond > 0
        ? $"{limit.RequestsPerSecond * 60:N0} requests/min"
        : $"{limit.TokensPerSecond * 60:N0} tokens/min";

    private void PrintSummary(CommandLineOptions options, JobProgress progress, TimeSpan elapsed)
    {
        var verdict = progress.Status switch
        {
            JobStatus.Cancelled => "[yellow]Cancelled[/]",
            JobStatus.Paused => "[red]Stopped[/]",
            _ => progress.RowLimit is null ? "[green]Done[/]" : "[green]Preview done[/]",
        };
        if (progress.Status == JobStatus.Paused)
        {
            // The embedded silo ends with this process: rows not processed are written as such, to run again once the key works.
            AnsiConsole.MarkupLineInterpolated($"[red]The job stopped:[/] {progress.PauseReason}");
        }

        var usage = progress.Usage;
        var cost = services.GetRequiredService<CostCalculator>().ForUsage(progress.Model, usage).Cost;
        var spent = $"{usage.SearchCalls:N0} searches, {usage.CachedSearches:N0} cached, {usage.TotalTokens:N0} tokens" +
            (cost is null ? string.Empty : $", {EstimatePrinter.Money(cost.Total)}");
        AnsiConsole.MarkupLine(
            $"{verdict}: {progress.TotalRows:N0} rows, {progress.SucceededRows:N0} ok, {progress.FailedRows:N0} failed in {elapsed.TotalSeconds:N1} s " +
            $"→ {Markup.Escape(options.OutputPath)} ({Markup.Escape(spent)})");
        PrintOfflineNotice(offlineResearch, offlineLlm, "ran");
    }

    private static void PrintOfflineNotice(bool offlineResearch, bool offlineLlm, string verb)
    {
        if (offlineResearch || offlineLlm)
        {
            var which = offlineResearch && offlineLlm ? "research and LLM" : offlineResearch ? "research" : "LLM";
            AnsiConsole.MarkupLine(
                $"[black on yellow] OFFLINE [/] [yellow]{which} {verb} on the built-in offline providers: no web search is made and the lines are placeholders, not AI-written. Set SERPER_API_KEY and GROQ_API_KEY for real results.[/]");
        }
    }
}
