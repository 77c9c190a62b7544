using PersonalizedLine.Grains.Interfaces.Rows;

namespace PersonalizedLine.Grains.Interfaces.Chunks;

/// <summary>A chunk's rows with their results, in file order; a result is null while its row is pending.</summary>
[GenerateSerializer, Immutable, Alias("chunk-output")]
public sealed record class ChunkOutput(
    [property: Id(0)] IReadOnlyList<ChunkRow> Rows,
    [property: Id(1)] IReadOnlyList<RowResult?> Results);
