namespace PersonalizedLine.Grains.Interfaces.Chunks;

/// <summary>Grain keys derived from a job id, so every part of the system names chunks and rows the same way.</summary>
public static class ChunkKeys
{
    public static string Chunk(string jobId, int chunkIndex) => $"{jobId}/{chunkIndex}";

    /// <summary>A row's grain; a retry (generation above 0) uses a fresh grain, so a row that answered before runs again.</summary>
    public static string Row(string jobId, long rowNumber, int generation = 0) =>
        generation == 0 ? $"{jobId}/r{rowNumber}" : $"{jobId}/r{rowNumber}/g{generation}";
}
