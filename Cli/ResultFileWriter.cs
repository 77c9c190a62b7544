using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Grains.Xlsx;
using Spectre.Console;

namespace PersonalizedLine.Cli;

/// <summary>Writes a finished job's output file: an Excel workbook when the output name ends with .xlsx, else a CSV.</summary>
public static class ResultFileWriter
{
    /// <returns>False, with the reason printed and no file left behind, when the result does not fit in an Excel sheet.</returns>
    public static async Task<bool> WriteAsync(JobResultWriter writer, IJobGrain job, string jobId, CommandLineOptions options)
    {
        var manifest = await job.GetManifest() ?? throw new InvalidOperationException("The job vanished.");
        var format = options.WritesXlsx ? ResultFormat.Xlsx : ResultFormat.Csv;
        try
        {
            await using var output = File.Create(options.OutputPath);
            await writer.WriteAsync(jobId, manifest, output, CancellationToken.None, format);
            return true;
        }
        catch (XlsxLimitException tooBig)
        {
            File.Delete(options.OutputPath);
            AnsiConsole.MarkupLineInterpolated($"[red]Cannot write {options.OutputPath}:[/] {tooBig.Message} (name the output .csv)");
            return false;
        }
    }
}
