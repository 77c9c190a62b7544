namespace PersonalizedLine.Client.Sdk.Models;

/// <summary>
/// One finished row: its place in the output (<see cref="Row"/>) and in the input file (<see cref="Line"/>), the cells
/// of <see cref="JobRows.Columns"/>, the line written (empty when it failed), <c>ok</c> or <c>failed</c>, and why.
/// </summary>
public sealed record FinishedRow(long Row, long Line, IReadOnlyList<string> Cells, string PersonalizedLine, string Status, string? Error);
