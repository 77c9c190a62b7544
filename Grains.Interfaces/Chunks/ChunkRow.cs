namespace PersonalizedLine.Grains.Interfaces.Chunks;

/// <summary>One input record as read from the file.</summary>
/// <param name="LineNumber">1-based line of the file where the record starts, for messages.</param>
/// <param name="Cells">Every cell exactly as given, one per header column.</param>
/// <param name="Problem">Set when the record itself is malformed: the row fails with this reason.</param>
[GenerateSerializer, Immutable, Alias("chunk-row")]
public sealed record class ChunkRow(
    [property: Id(0)] long LineNumber,
    [property: Id(1)] IReadOnlyList<string> Cells,
    [property: Id(2)] string? Problem);
