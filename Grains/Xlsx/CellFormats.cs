using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ExcelNumberFormat;

namespace PersonalizedLine.Grains.Xlsx;

/// <summary>
/// The number format of each cell style of a workbook, so that a number is written the way the sheet shows it: a
/// date as a date rather than its serial (45356), 0.125 as 12.5% under a percentage format, 1234.5 as 1,234.50 under
/// #,##0.00. Formatting is ExcelNumberFormat's, in the invariant culture (a point for decimals, commas for thousands).
/// </summary>
internal sealed class CellFormats
{
    private readonly NumberFormat?[] _byStyle;
    private readonly bool _date1904;

    private CellFormats(NumberFormat?[] byStyle, bool date1904)
    {
        _byStyle = byStyle;
        _date1904 = date1904;
    }

    public static CellFormats Load(WorkbookPart workbook)
    {
        var date1904 = workbook.Workbook.WorkbookProperties?.Date1904?.Value ?? false;
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        var custom = stylesheet?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(format => format.NumberFormatId?.Value is not null && format.FormatCode?.Value is not null)
            .GroupBy(format => (int)format.NumberFormatId!.Value)
            .ToDictionary(group => group.Key, group => group.First().FormatCode!.Value!) ?? [];

        var styles = stylesheet?.CellFormats?.Elements<CellFormat>().ToList() ?? [];
        var byStyle = new NumberFormat?[styles.Count];
        var cache = new Dictionary<int, NumberFormat?>();
        for (var i = 0; i < styles.Count; i++)
        {
            var id = (int)(styles[i].NumberFormatId?.Value ?? 0);
            if (!cache.TryGetValue(id, out var format))
            {
                var code = custom.GetValueOrDefault(id) ?? BuiltInNumberFormats.Code(id);
                format = code is null || code.Equals("General", StringComparison.OrdinalIgnoreCase) ? null : new NumberFormat(code);
                cache[id] = format is { IsValid: true } ? format : null;
            }

            byStyle[i] = cache[id];
        }

        return new CellFormats(byStyle, date1904);
    }

    /// <summary>A number as the cell with style <paramref name="styleIndex"/> shows it.</summary>
    public string Format(double value, uint? styleIndex)
    {
        var format = styleIndex is { } index && index < _byStyle.Length ? _byStyle[index] : null;
        if (format is not null)
        {
            try
            {
                return format.Format(value, CultureInfo.InvariantCulture, _date1904);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException or InvalidOperationException)
            {
                // A date format on a number outside Excel's dates, or a code the formatter cannot apply: show the number.
            }
        }

        return General(value);
    }

    /// <summary>
    /// Excel's General format shows what was typed: integers whole (a phone number or id of up to 15 digits stays
    /// digits), others with at most 15 significant digits, which hides binary noise (0.1 + 0.2 shows as 0.3).
    /// </summary>
    private static string General(double value) =>
        Math.Abs(value) < 1e15 && value == Math.Floor(value)
            ? value.ToString("0", CultureInfo.InvariantCulture)
            : value.ToString("G15", CultureInfo.InvariantCulture);
}
