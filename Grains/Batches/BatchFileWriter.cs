using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.Batches;

/// <summary>
/// Writes one part of a job's batch input to a local file, chunk by chunk from the chunk grains, so a million-row job
/// never has its requests in memory at once. A part ends before the chunk that would take it past
/// <c>Llm__MaxRequestsPerBatch</c> or <c>Llm__MaxBatchFileBytes</c> (a part holds at least one chunk). The same chunks
/// always give the same file: rows waiting for a batch do not change until it is delivered.
/// </summary>
public sealed class BatchFileWriter(IGrainFactory grains, LlmOptions llm)
{
    /// <summary>Writes chunks from <paramref name="from"/> on; returns where the part ends and what it holds.</summary>
    public async Task<(int To, int Requests, long Bytes, List<PartChunk> Chunks)> WriteAsync(
        string jobId, IReadOnlyList<int> chunks, int from, int? to, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        await using var writer = new BatchInputWriter(file);
        var parts = new List<PartChunk>();
        var position = from;
        for (; position < (to ?? chunks.Count); position++)
        {
            var index = chunks[position];
            var lines = await grains.GetGrain<IChunkGrain>(ChunkKeys.Chunk(jobId, index)).GetBatchRequests();
            var bytes = lines.Sum(line => BatchInputWriter.LineBytes(line.CustomId, line.Body));
            if (to is null && parts.Count > 0
                && (writer.Lines + lines.Count > llm.MaxRequestsPerBatch || writer.Bytes + bytes > llm.MaxBatchFileBytes))
            {
                break;
            }

            foreach (var line in lines)
            {
                await writer.WriteRawAsync(line.CustomId, line.Body, cancellationToken);
            }

            if (lines.Count > 0)
            {
                var rows = lines.Select(line => Chunks.BatchCustomId.TryParse(line.CustomId)!.Value).ToList();
                parts.Add(new PartChunk(index, rows.Min(r => r.FirstRow), rows.Max(r => r.LastRow)));
            }
            else
            {
                parts.Add(new PartChunk(index, -1, -1));
            }
        }

        await writer.FlushAsync(cancellationToken);
        return (position, (int)writer.Lines, writer.Bytes, parts);
    }
}
