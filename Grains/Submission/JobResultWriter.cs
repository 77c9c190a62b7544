using PersonalizedLine.Grains.Csv;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Rows;
using PersonalizedLine.Grains.Jobs;
using PersonalizedLine.Grains.Telemetry;
using PersonalizedLine.Grains.Xlsx;

namespace PersonalizedLine.Grains.Submission;

/// <summary>
/// Streams a job's output: the header, then every chunk's rows in order. A few chunks are fetched ahead so the
/// download is not one grain round trip per chunk; memory stays at a handful of chunks whatever the file size. As CSV
/// it streams straight to the output; as a workbook (a ZIP archive) it is written to a temporary file, then copied.
/// </summary>
public sealed class JobResultWriter(IGrainFactory grains)
{
    private const int ChunksFetchedAhead = 16;

    /// <exception cref="XlsxLimitException">As a workbook: the result does not fit in an Excel sheet (nothing was written to <paramref name="output"/>).</exception>
    public async Task WriteAsync(string jobId, JobManifest manifest, Stream output, CancellationToken cancellationToken, ResultFormat format = ResultFormat.Csv)
    {
        output = new DownloadCountingStream(output);
        if (format == ResultFormat.Csv)
        {
            await using var csv = LeadCsvWriter.Create(output, manifest.Spec.Delimiter, leaveOpen: true);
            await WriteRowsAsync(jobId, manifest, csv, cancellationToken);
            return;
        }

        if (manifest.TotalRows >= LeadXlsxWriter.MaxRows)
        {
            throw new XlsxLimitException(
                $"The result has {manifest.TotalRows:N0} rows; an Excel sheet holds {LeadXlsxWriter.MaxRows - 1:N0} below its header. Download it as CSV.");
        }

        var path = Path.Combine(Path.GetTempPath(), $"result-{Guid.NewGuid():N}.xlsx");
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        await using (var workbook = LeadXlsxWriter.Create(file))
        {
            await WriteRowsAsync(jobId, manifest, workbook, cancellationToken);
        }

        file.Position = 0;
        await file.CopyToAsync(output, cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    private async Task WriteRowsAsync(string jobId, JobManifest manifest, IResultSheetWriter writer, CancellationToken cancellationToken)
    {
        await writer.WriteHeaderAsync(manifest.Spec.Headers, cancellationToken);
        var pendingMessage = manifest.Status == JobStatus.Cancelled
            ? JobGrain.CancelledRowMessage
            : manifest.Spec.Mode == JobMode.Batch
                ? "Not processed yet: the job is still running (its lines come from the provider batch)."
                : "Not processed yet: the job is still running.";

        var fetches = new Queue<Task<ChunkOutput>>();
        var next = 0;
        while (next < manifest.ChunkCount || fetches.Count > 0)
        {
            while (next < manifest.ChunkCount && fetches.Count < ChunksFetchedAhead)
            {
                fetches.Enqueue(grains.GetGrain<IChunkGrain>(ChunkKeys.Chunk(jobId, next++)).GetOutput());
            }

            var chunk = await fetches.Dequeue();
            for (var index = 0; index < chunk.Rows.Count; index++)
            {
                // A row still waiting for its line (researched, batch mode) is not done yet either.
                var result = chunk.Results.Count > index && chunk.Results[index] is { IsFinal: true } done ? done : null;
                var status = result is null || result.Status == RowStatus.Failed ? "failed" : "ok";
                await writer.WriteRowAsync(chunk.Rows[index].Cells, result?.Line ?? string.Empty, status,
                    result?.Error ?? pendingMessage, cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }
}
