using System.Diagnostics;
using System.Net;
using PersonalizedLine.Client.Sdk;
using PersonalizedLine.Client.Sdk.Models;
using Spectre.Console;

namespace PersonalizedLine.Cli.Remote;

/// <summary>
/// Submits a file to a running API, shows the job's progress until it ends, and downloads the result; or, with
/// <c>--estimate</c>, prints what the server estimates. Ctrl+C detaches (the job goes on) or, with
/// <c>--cancel-on-exit</c>, cancels the job.
/// </summary>
public sealed class RemoteJobRunner(IJobsApi jobs, RemoteCommandLine command)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public async Task<int> RunAsync(CommandLineOptions options, CancellationToken interrupt)
    {
        if (!File.Exists(options.InputPath))
        {
            AnsiConsole.MarkupLineInterpolated($"[red]No such file: {options.InputPath}[/]");
            return RemoteExitCodes.BadInput;
        }

        var prompt = options.Prompt is ['@', .. var promptFile] ? await File.ReadAllTextAsync(promptFile, interrupt) : options.Prompt;
        var job = new JobOptions(prompt, options.ResearchQuery, options.Model, options.RefreshResearch ? true : null, options.Limit,
            options.RowsPerRequest, options.Batch ? JobMode.Batch : null, Sheet: options.Sheet);
        if (options.Estimate)
        {
            var estimate = await jobs.EstimateFileAsync(options.InputPath, job, interrupt);
            EstimatePrinter.Print(options.InputPath, RemoteEstimate.ToPrintable(estimate));
            return 0;
        }

        JobProgress progress;
        try
        {
            AnsiConsole.MarkupLineInterpolated($"Uploading {options.InputPath} to {command.Server} …");
            progress = await jobs.SubmitFileAsync(options.InputPath, job, interrupt);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine("[yellow]Upload stopped: the server keeps nothing of it.[/]");
            return RemoteExitCodes.Interrupted;
        }

        AnsiConsole.MarkupLineInterpolated($"Job [bold]{progress.Id}[/] submitted to {command.Server}");
        InputWarningsPrinter.Print(progress.Warnings);
        var clock = Stopwatch.StartNew();
        try
        {
            progress = await FollowAsync(progress, interrupt);
            if (!progress.IsFinished() && interrupt.IsCancellationRequested)
            {
                if (!command.CancelOnExit)
                {
                    PrintDetached(progress.Id, options.OutputPath);
                    return RemoteExitCodes.Interrupted;
                }

                progress = await CancelAsync(progress.Id);
            }

            return await FinishAsync(progress, options.OutputPath, clock.Elapsed);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The job lives on the server whatever happened here: say how to pick it up again.
            AnsiConsole.MarkupLineInterpolated($"[yellow]Lost track of job {progress.Id}; it may still run on the server.[/]");
            PrintFollowCommands(progress.Id, options.OutputPath);
            throw;
        }
    }

    private async Task<JobProgress> FollowAsync(JobProgress progress, CancellationToken interrupt)
    {
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(RemoteProgressDisplay.Columns())
            .StartAsync(async context =>
            {
                var task = context.AddTask(RemoteProgressDisplay.Describe(progress), maxValue: Math.Max(1, progress.TotalRows));
                while (!progress.IsFinished() && progress.Status != JobStatus.Paused && !interrupt.IsCancellationRequested)
                {
                    try
                    {
                        await Task.Delay(PollInterval, interrupt);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }

                    // Not tied to Ctrl+C: a poll under way finishes, so the display ends on the job's latest state.
                    progress = await jobs.GetAsync(progress.Id, CancellationToken.None);
                    task.MaxValue = Math.Max(1, progress.TotalRows);
                    task.Value = progress.ProcessedRows;
                    task.Description = RemoteProgressDisplay.Describe(progress);
                }
            });
        return progress;
    }

    private async Task<JobProgress> CancelAsync(string id)
    {
        try
        {
            var cancelled = await jobs.CancelAsync(id, CancellationToken.None);
            AnsiConsole.MarkupLineInterpolated($"[yellow]Cancelled job {id} on the server (--cancel-on-exit).[/]");
            return cancelled;
        }
        catch (PersonalizedLineApiException conflict) when (conflict.StatusCode == HttpStatusCode.Conflict)
        {
            // It finished while Ctrl+C was on its way: keep its outcome.
            return await jobs.GetAsync(id, CancellationToken.None);
        }
    }

    private async Task<int> FinishAsync(JobProgress progress, string outputPath, TimeSpan elapsed)
    {
        switch (progress.Status)
        {
            case JobStatus.Paused:
                AnsiConsole.MarkupLineInterpolated($"[red]The job paused:[/] {progress.PauseReason}");
                AnsiConsole.MarkupLineInterpolated($"It waits on the server. Go on with: {Command("jobs resume", progress.Id)}; then {Command("jobs download", progress.Id)}");
                return RemoteExitCodes.Paused;
            case JobStatus.Failed:
                AnsiConsole.MarkupLineInterpolated($"[red]The job failed:[/] {progress.Error}");
                return RemoteExitCodes.JobFailed;
        }

        await jobs.DownloadResultToFileAsync(progress.Id, outputPath, cancellationToken: CancellationToken.None);
        var verdict = progress.Status == JobStatus.Cancelled ? "[yellow]Cancelled[/]" : progress.Preview ? "[green]Preview done[/]" : "[green]Done[/]";
        AnsiConsole.MarkupLine(
            $"{verdict}: {progress.TotalRows:N0} rows, {progress.SucceededRows:N0} ok, {progress.FailedRows:N0} failed in {elapsed.TotalSeconds:N1} s " +
            $"→ {Markup.Escape(outputPath)} ({Markup.Escape(RemoteProgressDisplay.Spent(progress))})");
        return progress.Status == JobStatus.Cancelled ? RemoteExitCodes.Interrupted : 0;
    }

    private void PrintDetached(string id, string outputPath)
    {
        AnsiConsole.MarkupLineInterpolated($"[yellow]Detached: job {id} goes on on the server.[/]");
        PrintFollowCommands(id, outputPath);
    }

    private void PrintFollowCommands(string id, string outputPath)
    {
        AnsiConsole.MarkupLineInterpolated($"Follow it:  {Command("jobs status", id)}");
        AnsiConsole.MarkupLineInterpolated($"Fetch it:   {Command("jobs download", id)} --output {outputPath}");
    }

    private string Command(string verb, string id) => $"personalizedline --server {command.Server} {verb} {id}";
}
