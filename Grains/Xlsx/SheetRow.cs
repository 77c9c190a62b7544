namespace PersonalizedLine.Grains.Xlsx;

/// <summary>A row of a worksheet: its number, and its non-empty cells as text, by 0-based column, in column order.</summary>
internal sealed record SheetRow(long Number, List<(int Column, string Text)> Cells);
