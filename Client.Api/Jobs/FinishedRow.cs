namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>One finished row, as GET /jobs/{id}/rows shows it.</summary>
/// <param name="Row">1-based data row number (the row's place in the output file, header not counted).</param>
/// <param name="Line">1-based line of the input file where the row starts.</param>
/// <param name="Cells">The row's cells for the answer's <see cref="JobRowsResponse.Columns"/>, as given in the file.</param>
/// <param name="PersonalizedLine">The line written for the lead; empty when the row failed.</param>
/// <param name="Status"><c>ok</c> or <c>failed</c>, as in the output's status column.</param>
/// <param name="Error">Why the row failed; null when it did not.</param>
public sealed record FinishedRow(
    long Row,
    long Line,
    IReadOnlyList<string> Cells,
    string PersonalizedLine,
    string Status,
    string? Error);
