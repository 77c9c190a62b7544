using PersonalizedLine.Grains.Csv;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Rows;
using PersonalizedLine.Grains.Jobs;
using PersonalizedLine.Grains.Telemetry;

namespace PersonalizedLine.Grains.Submission;

/// <summary>
/// Streams a job's output: the header, then every chunk's rows in order. A few chunks are fetched ahead so the
/// download is not one grain round trip per chunk; memory stays at a handful of chunks whatever the file size.
/// </summary>
public sealed class JobResultWriter(IGrainFactory grains)
{
    private const int ChunksFetchedAhead = 4;

    public async Task WriteAsync(string jobId, JobManifest manifest, Stream output, CancellationToken cancellationToken)
    {
        await using var writer = LeadCsvWriter.Create(new DownloadCountingStream(output), manifest.Spec.Delimiter, leaveOpen: true);
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
