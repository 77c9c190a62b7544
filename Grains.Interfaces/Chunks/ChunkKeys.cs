namespace PersonalizedLine.Grains.Interfaces.Chunks;

/// <summary>Grain keys derived from a job id, so every part of the system names chunks the same way.</summary>
public static class ChunkKeys
{
    public static string Chunk(string jobId, int chunkIndex) => $"{jobId}/{chunkIndex}";
}
