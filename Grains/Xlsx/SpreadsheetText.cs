using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace PersonalizedLine.Grains.Xlsx;

/// <summary>The text of a rich or plain string item (shared or inline), as the cell shows it.</summary>
internal static partial class SpreadsheetText
{
    /// <summary>Plain text, or the runs of rich text joined; phonetic guides (furigana) are not part of what is shown.</summary>
    public static string Of(OpenXmlElement item)
    {
        var plain = item.GetFirstChild<Text>();
        var text = plain is not null
            ? plain.Text
            : string.Concat(item.Elements<Run>().Select(run => run.Text?.Text ?? string.Empty));
        return Unescape(text);
    }

    /// <summary>
    /// Characters XML cannot hold (and some it can, such as CR) are stored escaped as <c>_xHHHH_</c> (ECMA-376 ST_Xstring);
    /// a literal <c>_x</c> sequence is itself escaped as <c>_x005F_</c>.
    /// </summary>
    public static string Unescape(string text) => !text.Contains("_x", StringComparison.Ordinal)
        ? text
        : Escaped().Replace(text, match => ((char)int.Parse(match.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());

    [GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
    private static partial Regex Escaped();
}
