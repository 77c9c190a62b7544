namespace PersonalizedLine.Grains.Interfaces.Chunks;

/// <summary>Grain keys derived from a job id, so every part of the system names chunks and rows the same way.</summary>
public static class ChunkKeys
{
    public static string Chunk(string jobId, int chunkIndex) => $"{jobId}/{chunkIndex}";

    public static string Row(string jobId, long rowNumber) => $"{jobId}/r{rowNumber}";
}
