using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PersonalizedLine.Grains.Csv;

namespace PersonalizedLine.Grains.Xlsx;

/// <summary>
/// Streams a worksheet's rows with OpenXmlReader, one row in memory at a time: each row with its non-empty cells as
/// text, the upload limits checked cell by cell, and XML or ZIP damage reported as a problem with the file.
/// </summary>
internal sealed class SheetRowReader(WorksheetPart part, string sheet, SheetCells sheetCells, CsvReadLimits limits) : IDisposable
{
    private readonly OpenXmlReader _reader = OpenXmlReader.Create(part);
    private long _lastRow;

    /// <summary>The next row of the sheet with its non-empty cells in column order, or null at the end.</summary>
    public SheetRow? Next()
    {
        try
        {
            while (_reader.Read())
            {
                if (_reader.ElementType == typeof(Row) && _reader.IsStartElement)
                {
                    var number = RowNumber() ?? _lastRow + 1;
                    _lastRow = number;
                    return new SheetRow(number, ReadCells(number));
                }
            }

            return null;
        }
        catch (Exception ex) when (XlsxLeadReader.IsUnreadable(ex))
        {
            throw new CsvInputException(
                CsvProblemKind.Malformed,
                $"The sheet '{sheet}' cannot be read after row {_lastRow} ({ex.Message}). Open the workbook in Excel, save it again and upload it.",
                _lastRow,
                ex);
        }
    }

    private List<(int Column, string Text)> ReadCells(long row)
    {
        var cells = new List<(int Column, string Text)>();
        var next = 0;
        if (!_reader.ReadFirstChild())
        {
            return cells;
        }

        do
        {
            if (_reader.ElementType != typeof(Cell) || !_reader.IsStartElement)
            {
                continue;
            }

            var cell = (Cell)_reader.LoadCurrentElement()!;

            // A cell may leave out its reference: it then follows the previous one.
            var column = CellReference.ColumnIndex(cell.CellReference?.Value) ?? next;
            next = column + 1;
            var text = sheetCells.Text(cell);
            if (text.Length == 0)
            {
                continue;
            }

            CheckLimits(row, column, text);
            cells.Add((column, text));
        }
        while (_reader.ReadNextSibling());

        cells.Sort((a, b) => a.Column.CompareTo(b.Column));
        return cells;
    }

    private void CheckLimits(long row, int column, string text)
    {
        if (column >= limits.MaxColumns)
        {
            throw new CsvInputException(
                CsvProblemKind.TooLarge,
                $"Row {row} has a value in column {CellReference.Letters(column)} ({column + 1}); the limit is {limits.MaxColumns} columns. "
                + "Remove columns you do not need, or ask the operator to raise Upload__MaxColumns.",
                row);
        }

        if (text.Length > limits.MaxFieldChars)
        {
            throw new CsvInputException(
                CsvProblemKind.TooLarge,
                $"Row {row}, cell {CellReference.Letters(column)}{row} has {text.Length} characters; the limit is {limits.MaxFieldChars}. "
                + "Shorten that cell, or ask the operator to raise Upload__MaxFieldChars.",
                row);
        }
    }

    private long? RowNumber()
    {
        foreach (var attribute in _reader.Attributes)
        {
            if (attribute.LocalName == "r" && long.TryParse(attribute.Value, out var number) && number > 0)
            {
                return number;
            }
        }

        return null;
    }

    public void Dispose() => _reader.Dispose();
}
