using System.Globalization;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PersonalizedLine.Grains.Xlsx;

/// <summary>The text a cell shows: shared and inline strings as written, booleans as TRUE/FALSE, numbers and dates in their number format.</summary>
internal sealed class SheetCells(IReadOnlyList<string> sharedStrings, CellFormats formats)
{
    public string Text(Cell cell)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return cell.InlineString is { } inline ? SpreadsheetText.Of(inline) : cell.CellValue?.Text ?? string.Empty;
        }

        // A formula's value is its last calculated result; a cell without a value is empty.
        var raw = cell.CellValue?.Text;
        if (raw is null)
        {
            return string.Empty;
        }

        if (type == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < sharedStrings.Count
                ? sharedStrings[index]
                : throw new FormatException($"cell {cell.CellReference?.Value} refers to shared string {raw}, which the workbook does not have");
        }

        if (type == CellValues.Boolean)
        {
            return raw.Trim() is "1" or "true" ? "TRUE" : "FALSE";
        }

        if (type == CellValues.String)
        {
            return SpreadsheetText.Unescape(raw);
        }

        if (type is null || type == CellValues.Number)
        {
            return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? formats.Format(number, cell.StyleIndex?.Value)
                : raw;
        }

        // Errors (#N/A) and ISO dates (rare: Excel writes dates as numbers) are shown as stored.
        return raw;
    }
}
