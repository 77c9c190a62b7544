using PersonalizedLine.Client.Sdk.Models;
using Refit;

namespace PersonalizedLine.Client.Sdk;

/// <summary>Submitting and estimating a file on disk, and saving a result, without building the form by hand.</summary>
public static class JobsApiFileExtensions
{
    public static async Task<JobProgress> SubmitFileAsync(
        this IJobsApi jobs, string path, JobOptions? options = null, CancellationToken cancellationToken = default)
    {
        var o = options ?? new JobOptions();
        await using var file = File.OpenRead(path);
        return await jobs.SubmitAsync(o.Prompt, o.ResearchQuery, o.Model, o.RefreshResearch, o.Limit, o.RowsPerRequest, ModeText(o.Mode), o.WebhookUrl, o.Sheet,
            Part(file, path), cancellationToken);
    }

    public static async Task<JobEstimate> EstimateFileAsync(
        this IJobsApi jobs, string path, JobOptions? options = null, CancellationToken cancellationToken = default)
    {
        var o = options ?? new JobOptions();
        await using var file = File.OpenRead(path);
        return await jobs.EstimateAsync(o.Prompt, o.ResearchQuery, o.Model, o.RefreshResearch, o.Limit, o.RowsPerRequest, ModeText(o.Mode), o.WebhookUrl, o.Sheet,
            Part(file, path), cancellationToken);
    }

    /// <summary>
    /// Writes the job's result to <paramref name="path"/> (replacing it), streaming; answers the bytes written. A path
    /// ending in .xlsx gets an Excel workbook, any other the CSV.
    /// </summary>
    public static async Task<long> DownloadResultToFileAsync(
        this IJobsApi jobs, string id, string path, bool? partial = null, CancellationToken cancellationToken = default)
    {
        // Written next to the target and moved over it at the end, so a failed download never leaves half a file.
        var partialPath = path + ".download";
        try
        {
            await using var result = await jobs.DownloadResultAsync(id, partial, ResultFormat(path), cancellationToken);
            await using var output = File.Create(partialPath);
            await result.CopyToAsync(output, cancellationToken);
        }
        catch
        {
            File.Delete(partialPath);
            throw;
        }

        File.Move(partialPath, path, overwrite: true);
        return new FileInfo(path).Length;
    }

    private static StreamPart Part(Stream file, string path) => new(file, Path.GetFileName(path), ContentType(path));

    private static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" or ".txt" => "text/csv",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    };

    /// <summary><c>xlsx</c> for a workbook's path; null (the server's CSV) for any other.</summary>
    public static string? ResultFormat(string path) =>
        path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? "xlsx" : null;

    private static string? ModeText(JobMode? mode) => mode switch
    {
        JobMode.Online => "online",
        JobMode.Batch => "batch",
        _ => null,
    };
}
