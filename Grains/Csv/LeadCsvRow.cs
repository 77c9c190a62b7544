namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// One data row of an upload.
/// </summary>
/// <param name="LineNumber">1-based physical line the row starts on (a quoted cell may span several lines).</param>
/// <param name="Cells">Exactly one value per header column, as written in the file (padded with empty strings when the row is short).</param>
/// <param name="Problem">Why the row cannot be trusted as is (it had extra values), or null.</param>
public sealed record LeadCsvRow(long LineNumber, IReadOnlyList<string> Cells, string? Problem);
