namespace PersonalizedLine.Grains.Xlsx;

/// <summary>A result that does not fit in an Excel sheet (too many rows or columns, a cell over 32,767 characters); the CSV has no such limit.</summary>
public sealed class XlsxLimitException(string message) : Exception(message);
