using System.Globalization;
using PersonalizedLine.Client.Sdk;
using PersonalizedLine.Client.Sdk.Models;
using Spectre.Console;

namespace PersonalizedLine.Cli.Remote;

/// <summary>The <c>jobs …</c> verbs against a running API.</summary>
public sealed class JobsCommandRunner(IJobsApi jobs)
{
    public async Task<int> RunAsync(JobsCommand command, CancellationToken cancellationToken)
    {
        var id = command.JobId!;
        switch (command.Verb)
        {
            case "list":
                PrintList(await jobs.ListAsync(command.Limit, cancellationToken: cancellationToken));
                return 0;
            case "status":
                PrintStatus(await jobs.GetAsync(id, cancellationToken));
                return 0;
            case "cancel":
                var cancelled = await jobs.CancelAsync(id, cancellationToken);
                AnsiConsole.MarkupLineInterpolated(
                    $"Job {id} cancelled: {cancelled.ProcessedRows:N0} of {cancelled.TotalRows:N0} rows were processed; the others end as failed.");
                return 0;
            case "retry":
                var retried = await jobs.RetryAsync(id, command.Transient ? "transient" : null, cancellationToken);
                AnsiConsole.MarkupLineInterpolated(
                    $"Job {id} runs its {(command.Transient ? "transiently " : string.Empty)}failed rows again (status {Name(retried.Status)}).");
                return 0;
            case "resume":
                var resumed = await jobs.ResumeAsync(id, cancellationToken);
                AnsiConsole.MarkupLineInterpolated($"Job {id} resumed (status {Name(resumed.Status)}).");
                return 0;
            case "download":
                var output = command.OutputPath ?? await DefaultOutputAsync(id, cancellationToken);
                var bytes = await jobs.DownloadResultToFileAsync(id, output, command.Partial ? true : null, cancellationToken);
                AnsiConsole.MarkupLineInterpolated($"Job {id}: {bytes:N0} bytes → {output}");
                return 0;
            default:
                throw new ArgumentOutOfRangeException(nameof(command), command.Verb, "Not a jobs verb.");
        }
    }

    /// <summary>
    /// The job's file name with <c>.personalized.csv</c> (<c>.personalized.xlsx</c> for a workbook, downloaded as one),
    /// in the current directory, as the embedded mode names it.
    /// </summary>
    private async Task<string> DefaultOutputAsync(string id, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(id, cancellationToken);
        var extension = job.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ".xlsx" : ".csv";
        return Path.GetFileNameWithoutExtension(job.FileName) + ".personalized" + extension;
    }

    private static void PrintList(JobList page)
    {
        if (page.Jobs.Count == 0)
        {
            AnsiConsole.MarkupLine("No jobs on the server.");
            return;
        }

        var table = new Table().AddColumns("id", "status", "file", "rows", "ok", "failed", "created (UTC)");
        foreach (var job in page.Jobs)
        {
            table.AddRow(
                Markup.Escape(job.Id), Name(job.Status), Markup.Escape(job.FileName), $"{job.ProcessedRows:N0}/{job.TotalRows:N0}",
                $"{job.SucceededRows:N0}", $"{job.FailedRows:N0}", Time(job.CreatedAt));
        }

        AnsiConsole.Write(table);
        var more = page.Next is null ? "." : "; --limit shows more (up to 100).";
        AnsiConsole.MarkupLineInterpolated($"{page.Jobs.Count} of {page.Total} jobs{more}");
    }

    private static void PrintStatus(JobProgress job)
    {
        var table = new Table().AddColumn("job").AddColumn(Markup.Escape(job.Id));
        void Row(string name, string? value)
        {
            if (value is not null)
            {
                table.AddRow(Markup.Escape(name), Markup.Escape(value));
            }
        }

        Row("status", Name(job.Status));
        Row("file", job.FileName);
        Row("rows", $"{job.ProcessedRows:N0}/{job.TotalRows:N0} ({job.PercentComplete.ToString("0.#", CultureInfo.InvariantCulture)} %)" + (job.Preview ? " preview" : string.Empty));
        Row("ok", $"{job.SucceededRows:N0}");
        Row("failed", $"{job.FailedRows:N0}");
        Row("rate", $"{job.RowsPerSecond:N1} rows/s");
        Row("eta", job.EtaSeconds is { } eta ? $"{eta:N0} s" : null);
        Row("model", $"{job.Model} ({job.Mode}, {job.RowsPerRequest} rows per request)");
        Row("spent", RemoteProgressDisplay.Spent(job));
        Row("created", Time(job.CreatedAt));
        Row("finished", job.FinishedAt is { } finished ? Time(finished) : null);
        Row("paused because", job.PauseReason);
        Row("error", job.Error);
        Row("result", job.ResultUrl);
        AnsiConsole.Write(table);
    }

    private static string Name(JobStatus status) => status.ToString().ToLowerInvariant();

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
