using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PersonalizedLine.Tests.Xlsx;

/// <summary>
/// Builds .xlsx files in code, the way Excel lays them out: a shared string table, a stylesheet with built-in and
/// custom number formats, sheets whose rows list only their non-empty cells.
/// </summary>
public sealed class TestWorkbook
{
    /// <summary>Style indexes of the stylesheet every test workbook has.</summary>
    public const uint GeneralStyle = 0;
    public const uint IsoDateStyle = 1;        // built-in 14, the short date
    public const uint PercentTwoDecimals = 2;  // built-in 10, 0.00%
    public const uint ThousandsTwoDecimals = 3; // built-in 4, #,##0.00
    public const uint DayMonthYear = 4;        // custom dd/mm/yyyy
    public const uint Percent = 5;             // built-in 9, 0%
    public const uint FixedTwoDecimals = 6;    // built-in 2, 0.00
    public const uint LongDate = 7;            // custom d mmmm yyyy

    private readonly List<(string Name, TestCell[][] Rows)> _sheets = [];

    /// <summary>A sheet; each row lists its cells (the row number is taken from their references).</summary>
    public TestWorkbook Sheet(string name, params TestCell[][] rows)
    {
        _sheets.Add((name, rows));
        return this;
    }

    /// <summary>A sheet of plain text rows starting at A1, every value a shared string (empty strings are left out).</summary>
    public TestWorkbook TextSheet(string name, params string[][] rows) => Sheet(name, rows
        .Select((cells, r) => cells
            .Select((value, c) => (value, c))
            .Where(cell => cell.value.Length > 0)
            .Select(cell => TestCell.Text($"{(char)('A' + cell.c)}{r + 1}", cell.value))
            .ToArray())
        .ToArray());

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var strings = new List<string>();
            AddStyles(workbook);
            uint sheetId = 1;
            foreach (var (name, rows) in _sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                part.Worksheet = new Worksheet(new SheetData(rows.Where(row => row.Length > 0).Select(row => ToRow(row, strings))));
                workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = sheetId++, Name = name });
            }

            var shared = workbook.AddNewPart<SharedStringTablePart>();
            shared.SharedStringTable = new SharedStringTable(strings.Select(text => new SharedStringItem(new Text(text) { Space = SpaceProcessingModeValues.Preserve })));
        }

        return stream.ToArray();
    }

    private static Row ToRow(TestCell[] cells, List<string> strings)
    {
        var number = uint.Parse(new string(cells[0].Reference.SkipWhile(char.IsLetter).ToArray()));
        return new Row(cells.Select(cell => ToCell(cell, strings))) { RowIndex = number };
    }

    private static Cell ToCell(TestCell cell, List<string> strings)
    {
        var result = new Cell { CellReference = cell.Reference, StyleIndex = cell.Style };
        if (cell.Inline)
        {
            result.DataType = CellValues.InlineString;
            result.InlineString = new InlineString(new Text(cell.Value) { Space = SpaceProcessingModeValues.Preserve });
            return result;
        }

        if (cell.Type == CellValues.SharedString)
        {
            strings.Add(cell.Value);
            result.DataType = CellValues.SharedString;
            result.CellValue = new CellValue((strings.Count - 1).ToString());
            return result;
        }

        result.DataType = cell.Type;
        result.CellValue = new CellValue(cell.Value);
        return result;
    }

    private static void AddStyles(WorkbookPart workbook)
    {
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        static CellFormat Format(uint id) => new() { NumberFormatId = id, ApplyNumberFormat = id != 0 };
        styles.Stylesheet = new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = 164, FormatCode = "dd/mm/yyyy" },
                new NumberingFormat { NumberFormatId = 165, FormatCode = "d mmmm yyyy" }),
            new Fonts(new Font()),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })),
            new Borders(new Border()),
            new CellFormats(Format(0), Format(14), Format(10), Format(4), Format(164), Format(9), Format(2), Format(165)));
    }
}
