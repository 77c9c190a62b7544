using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PersonalizedLine.Grains.Csv;

namespace PersonalizedLine.Grains.Xlsx;

/// <summary>Picks the worksheet an upload asks for: the first one (in tab order), or the one named by <c>sheet=</c>.</summary>
internal static class WorksheetChooser
{
    public static (WorksheetPart Part, string Name) Choose(WorkbookPart workbook, string? wanted, InputWarnings warnings)
    {
        var sheets = new List<(WorksheetPart Part, string Name)>();
        foreach (var sheet in workbook.Workbook.Sheets?.Elements<Sheet>() ?? [])
        {
            // Chart sheets have no cells: only worksheets count.
            if (sheet.Id?.Value is { } id && workbook.TryGetPartById(id, out var part) && part is WorksheetPart worksheet)
            {
                sheets.Add((worksheet, sheet.Name?.Value ?? string.Empty));
            }
        }

        if (sheets.Count == 0)
        {
            throw new CsvInputException(CsvProblemKind.Malformed, "The workbook has no worksheet with cells. Put the leads on a worksheet and upload again.");
        }

        var names = string.Join(", ", sheets.Select(sheet => $"'{sheet.Name}'"));
        if (string.IsNullOrWhiteSpace(wanted))
        {
            if (sheets.Count > 1)
            {
                warnings.Add($"The workbook has {sheets.Count} sheets ({names}); the first, '{sheets[0].Name}', was read. Send sheet=NAME to read another.");
            }

            return sheets[0];
        }

        // Excel itself treats sheet names as the same when they differ only in case.
        var match = sheets.FindIndex(sheet => sheet.Name.Equals(wanted.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match < 0)
        {
            throw new CsvInputException(
                CsvProblemKind.UnknownSheet,
                $"The workbook has no sheet named '{wanted.Trim()}'. Its sheets are {names}: send one of these names as sheet, or leave sheet out to read the first.");
        }

        return sheets[match];
    }
}
