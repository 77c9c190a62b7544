using System.Globalization;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PersonalizedLine.Tests.Xlsx;

/// <summary>A cell of a test workbook, as Excel stores it: where it is, its type, its stored value and its style.</summary>
public sealed record TestCell(string Reference, CellValues? Type, string Value, uint? Style = null, bool Inline = false)
{
    /// <summary>Text in the shared string table (how Excel stores typed text).</summary>
    public static TestCell Text(string reference, string value) => new(reference, CellValues.SharedString, value);

    /// <summary>Text stored in the cell itself (how many exporters write).</summary>
    public static TestCell InlineText(string reference, string value) => new(reference, CellValues.InlineString, value, Inline: true);

    public static TestCell Number(string reference, double value, uint? style = null) =>
        new(reference, null, value.ToString("R", CultureInfo.InvariantCulture), style);

    /// <summary>A date as Excel stores it, a serial day number, under a date style.</summary>
    public static TestCell Date(string reference, DateTime value, uint style = TestWorkbook.IsoDateStyle) =>
        new(reference, null, value.ToOADate().ToString("R", CultureInfo.InvariantCulture), style);

    public static TestCell Boolean(string reference, bool value) => new(reference, CellValues.Boolean, value ? "1" : "0");
}
