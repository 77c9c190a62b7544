using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.Batches;

/// <summary>
/// Writes one part of a job's batch input to a local file, chunk by chunk from the chunk grains, so a million-row job
/// never has its requests in memory at once. A part ends before the chunk that would take it past
/// <c>Llm__MaxRequestsPerBatch</c> or <c>Llm__MaxBatchFileBytes</c>: a chunk's rows are never split between two
/// batches, so each batch settles whole chunks. The same chunks always give the same file: rows waiting for a batch do
/// not change until it is delivered.
/// </summary>
public sealed class BatchFileWriter(IGrainFactory grains, IProviderBatchClient client)
{
    /// <param name="jobId">The job.</param>
    /// <param name="chunks">The round's chunks, in order.</param>
    /// <param name="from">Position of the part's first chunk.</param>
    /// <param name="to">Where the part ends when it was decided before (a file written again); null to decide now.</param>
    /// <param name="path">The local file.</param>
    /// <param name="cancellationToken">Cancels the writing.</param>
    public async Task<(int To, int Requests, long Bytes, List<PartChunk> Chunks)> WriteAsync(
        string jobId, IReadOnlyList<int> chunks, int from, int? to, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        using var writer = client.CreateInputWriter(file);
        var parts = new List<PartChunk>();
        var position = from;
        for (; position < (to ?? chunks.Count); position++)
        {
            var index = chunks[position];
            var lines = await grains.GetGrain<IChunkGrain>(ChunkKeys.Chunk(jobId, index)).GetBatchRequests();
            if (to is null && parts.Count > 0 && !Fits(writer, lines))
            {
                break;
            }

            // The chunk serialized each body with the chat client's settings: written as it is.
            foreach (var line in lines)
            {
                if (!await writer.TryWriteRawAsync(line.CustomId, line.Body, cancellationToken))
                {
                    throw new InvalidOperationException($"Chunk {index} of job {jobId} does not fit in one batch file (Llm__MaxBatchFileBytes, Llm__MaxRequestsPerBatch).");
                }
            }

            var rows = lines.Select(line => Chunks.BatchCustomId.TryParse(line.CustomId)!.Value).ToList();
            parts.Add(rows.Count == 0
                ? new PartChunk(index, -1, -1)
                : new PartChunk(index, rows.Min(r => r.FirstRow), rows.Max(r => r.LastRow)));
        }

        await file.FlushAsync(cancellationToken);
        return (position, writer.LinesWritten, writer.BytesWritten, parts);
    }

    /// <summary>Whether a chunk's requests all fit in what is left of the file.</summary>
    private static bool Fits(BatchInputWriter writer, IReadOnlyList<BatchRequestLine> lines) =>
        writer.LinesWritten + lines.Count <= writer.MaxLines
        && writer.BytesWritten + lines.Sum(line => (long)writer.LineBytes(line.CustomId, line.Body)) <= writer.MaxBytes;
}
