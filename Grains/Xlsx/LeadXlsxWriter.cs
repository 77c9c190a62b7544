using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PersonalizedLine.Grains.Csv;

namespace PersonalizedLine.Grains.Xlsx;

/// <summary>
/// Writes a job's output as an Excel workbook, row by row with OpenXmlWriter (one row in memory at a time), one sheet
/// named <see cref="SheetName"/>. Every cell is an inline string, exactly the text of the CSV output: numbers and dates
/// stay as the input showed them (a zip code keeps its leading zero), and no cell is ever a formula, so the generated
/// cells need no apostrophe against formula injection. Empty cells are left out, as Excel does.
/// </summary>
/// <remarks>A workbook is a ZIP archive: it is written to a seekable stream (a temporary file), then sent.</remarks>
public sealed class LeadXlsxWriter : IResultSheetWriter
{
    public const string SheetName = "Leads";

    /// <summary>Excel's limits: rows in a sheet (with the header), columns, characters in a cell.</summary>
    public const int MaxRows = 1_048_576;

    public const int MaxColumns = 16_384;

    public const int MaxCellChars = 32_767;

    private readonly SpreadsheetDocument _document;
    private readonly WorksheetPart _sheet;
    private readonly OpenXmlWriter _writer;
    private int _inputColumns = -1;
    private int _row;
    private bool _completed;

    private LeadXlsxWriter(SpreadsheetDocument document, WorksheetPart sheet, OpenXmlWriter writer)
    {
        _document = document;
        _sheet = sheet;
        _writer = writer;
    }

    /// <param name="output">A seekable, writable stream; left open.</param>
    public static LeadXlsxWriter Create(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var sheet = document.AddWorkbookPart().AddNewPart<WorksheetPart>();
        var writer = OpenXmlWriter.Create(sheet);
        writer.WriteStartElement(new Worksheet());
        writer.WriteStartElement(new SheetData());
        return new LeadXlsxWriter(document, sheet, writer);
    }

    public ValueTask WriteHeaderAsync(IReadOnlyList<string> headers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (_inputColumns >= 0)
        {
            throw new InvalidOperationException("The header has already been written.");
        }

        _inputColumns = headers.Count;
        WriteRow(OutputColumns.For(headers));
        return ValueTask.CompletedTask;
    }

    public ValueTask WriteRowAsync(IReadOnlyList<string> inputCells, string line, string status, string error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(inputCells);
        if (_inputColumns < 0 || inputCells.Count != _inputColumns)
        {
            throw new InvalidOperationException($"Write the header first, then rows of {_inputColumns} input cells.");
        }

        WriteRow([.. inputCells, line ?? string.Empty, status ?? string.Empty, error ?? string.Empty]);
        return ValueTask.CompletedTask;
    }

    /// <summary>Ends the sheet and writes the workbook around it; the file is complete once this returns.</summary>
    public ValueTask FlushAsync(CancellationToken ct)
    {
        Complete();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _writer.Dispose();
        _document.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Complete()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _writer.WriteEndElement(); // sheetData
        _writer.WriteEndElement(); // worksheet
        _writer.Close();
        var workbook = _document.WorkbookPart!;
        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(_sheet), SheetId = 1U, Name = SheetName }));
        workbook.Workbook.Save();
    }

    private void WriteRow(IReadOnlyList<string> values)
    {
        if (++_row > MaxRows || values.Count > MaxColumns)
        {
            throw new XlsxLimitException(
                $"The result has more than {MaxRows:N0} rows or {MaxColumns:N0} columns, more than an Excel sheet holds. Download it as CSV.");
        }

        var number = _row.ToString(CultureInfo.InvariantCulture);
        _writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", string.Empty, number)]);
        for (var column = 0; column < values.Count; column++)
        {
            var value = values[column];
            if (value.Length == 0)
            {
                continue;
            }

            if (value.Length > MaxCellChars)
            {
                throw new XlsxLimitException(
                    $"Row {_row - 1} of the result has a cell of {value.Length:N0} characters in column {column + 1}; an Excel cell holds at most {MaxCellChars:N0}. Download it as CSV.");
            }

            _writer.WriteStartElement(new Cell(), [
                new OpenXmlAttribute("r", string.Empty, CellReference.Letters(column) + number),
                new OpenXmlAttribute("t", string.Empty, "inlineStr")]);
            _writer.WriteStartElement(new InlineString());
            _writer.WriteElement(new Text(XlsxText.Escape(value)) { Space = SpaceProcessingModeValues.Preserve });
            _writer.WriteEndElement();
            _writer.WriteEndElement();
        }

        _writer.WriteEndElement();
    }
}
