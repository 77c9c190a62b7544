using System.Runtime.CompilerServices;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using PersonalizedLine.Grains.Csv;

namespace PersonalizedLine.Grains.Xlsx;

/// <summary>
/// Reads the leads of an Excel workbook (.xlsx): one worksheet, its first non-empty row as the header, each further
/// non-empty row as a lead, cells as the sheet shows them (<see cref="SheetCells"/>). The sheet is streamed row by row
/// with OpenXmlReader, so memory holds one row (plus the shared string table) whatever the sheet's size. The same
/// limits and header rules as for a CSV apply; line numbers are the sheet's row numbers.
/// </summary>
public sealed class XlsxLeadReader : ILeadFileReader
{
    private readonly Stream _file;
    private readonly bool _ownsFile;
    private readonly SpreadsheetDocument _document;
    private readonly SheetRowReader _rows;
    private readonly CsvReadLimits _limits;
    private readonly InputWarnings _warnings;
    private readonly string _sheet;
    private bool _rowsRequested;

    private XlsxLeadReader(Stream file, bool ownsFile, SpreadsheetDocument document, WorksheetPart part, string sheet, SheetCells cells, CsvReadLimits limits, InputWarnings warnings)
    {
        _file = file;
        _ownsFile = ownsFile;
        _document = document;
        _rows = new SheetRowReader(part, sheet, cells, limits);
        _sheet = sheet;
        _limits = limits;
        _warnings = warnings;
    }

    public IReadOnlyList<string> Headers { get; private set; } = [];

    /// <summary>A workbook has no separator; the CSV output uses a comma.</summary>
    public char Delimiter => ',';

    public IReadOnlyList<string> Warnings => _warnings.ToList();

    internal static async Task<XlsxLeadReader> OpenAsync(
        ReadOnlyMemory<byte> prefix, Stream input, string? sheet, CsvReadLimits limits, InputWarnings warnings, CancellationToken ct)
    {
        var (file, owned) = await WorkbookSpool.OpenAsync(prefix, input, ct).ConfigureAwait(false);
        SpreadsheetDocument? document = null;
        XlsxLeadReader? reader = null;
        try
        {
            document = SpreadsheetDocument.Open(file, isEditable: false);
            var workbook = document.WorkbookPart ?? throw NotAWorkbook("it has no workbook part");
            var (part, name) = WorksheetChooser.Choose(workbook, sheet, warnings);
            var cells = new SheetCells(SharedStrings.Load(workbook), CellFormats.Load(workbook));
            reader = new XlsxLeadReader(file, owned, document, part, name, cells, limits, warnings);
            reader.ReadHeader();
            return reader;
        }
        catch (Exception ex)
        {
            if (reader is not null)
            {
                await reader.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                document?.Dispose();
                if (owned)
                {
                    await file.DisposeAsync().ConfigureAwait(false);
                }
            }

            if (ex is not CsvInputException && IsUnreadable(ex))
            {
                throw NotAWorkbook(ex.Message);
            }

            throw;
        }
    }

    public async IAsyncEnumerable<LeadCsvRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        if (_rowsRequested)
        {
            throw new InvalidOperationException("The rows of an upload can only be read once.");
        }

        _rowsRequested = true;
        long rows = 0;
        while (_rows.Next() is { } row)
        {
            ct.ThrowIfCancellationRequested();
            if (row.Cells.Count == 0)
            {
                continue; // a blank row, as a blank line in a CSV
            }

            if (++rows > _limits.MaxRows)
            {
                throw new CsvInputException(
                    CsvProblemKind.TooLarge,
                    $"Row {row.Number}: the sheet has more than {_limits.MaxRows} data rows, the most one upload may have. "
                    + "Split it into smaller files, or ask the operator to raise Upload__MaxRows.",
                    row.Number);
            }

            yield return ToLead(row);
        }

        // The sheet is read synchronously, from a local file; the signature is asynchronous for the CSV's sake.
        await Task.CompletedTask.ConfigureAwait(false);

        if (rows == 0)
        {
            throw new CsvInputException(
                CsvProblemKind.Malformed,
                $"The sheet '{_sheet}' has a header row but no data rows. Add one lead per row below the header.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _rows.Dispose();
        _document.Dispose();
        if (_ownsFile)
        {
            await _file.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void ReadHeader()
    {
        SheetRow? header;
        do
        {
            header = _rows.Next();
        }
        while (header is { Cells.Count: 0 });

        if (header is null)
        {
            throw new CsvInputException(CsvProblemKind.Malformed, $"The sheet '{_sheet}' is empty.");
        }

        var names = new string[header.Cells[^1].Column + 1];
        Array.Fill(names, string.Empty);
        foreach (var (column, text) in header.Cells)
        {
            names[column] = text;
        }

        var unnamed = HeaderValidator.Validate(names, header.Number, _limits);
        if (unnamed > 0)
        {
            _warnings.Add(HeaderValidator.DescribeUnnamedAtEnd(unnamed, names.Length));
        }

        Headers = names;
    }

    private LeadCsvRow ToLead(SheetRow row)
    {
        var cells = new string[Headers.Count];
        Array.Fill(cells, string.Empty);
        List<string>? extras = null;
        foreach (var (column, text) in row.Cells)
        {
            if (column < cells.Length)
            {
                cells[column] = text;
            }
            else
            {
                (extras ??= []).Add($"{CellReference.Letters(column)}: \"{text}\"");
            }
        }

        // Values right of the header would be lost in the output: the row is kept but flagged, as a CSV row with extra fields.
        var problem = extras is null
            ? null
            : $"Row {row.Number} has values right of the last named column ({CellReference.Letters(Headers.Count - 1)}): {string.Join(" | ", extras)}. "
                + "Give those columns a name in the header row, or delete the values.";
        return new LeadCsvRow(row.Number, cells, problem);
    }

    internal static bool IsUnreadable(Exception ex) =>
        ex is OpenXmlPackageException or XmlException or InvalidDataException or FormatException or IOException or InvalidOperationException;

    private static CsvInputException NotAWorkbook(string reason) => new(
        CsvProblemKind.UnsupportedMediaType,
        $"This file is a ZIP archive but not an Excel workbook (.xlsx) that can be read ({reason}). "
        + "Upload a CSV, or an .xlsx saved by Excel, LibreOffice or Google Sheets.");
}
