namespace PersonalizedLine.Grains.Batches;

/// <summary>A chunk's rows in a batch part: which chunk an answer's row belongs to.</summary>
[GenerateSerializer, Immutable, Alias("batch-part-chunk")]
public sealed record class PartChunk(
    [property: Id(0)] int ChunkIndex,
    [property: Id(1)] long FirstRow,
    [property: Id(2)] long LastRow);
