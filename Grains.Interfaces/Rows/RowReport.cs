namespace PersonalizedLine.Grains.Interfaces.Rows;

/// <summary>A row's result, handed by its runner to its chunk.</summary>
[GenerateSerializer, Immutable, Alias("row-report")]
public sealed record RowReport([property: Id(0)] long RowNumber, [property: Id(1)] RowResult Result);
