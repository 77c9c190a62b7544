using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace PersonalizedLine.Grains.Xlsx;

/// <summary>
/// Text for a cell of a written workbook: characters XML cannot hold (control characters, a lone surrogate) and CR
/// (which XML readers turn into LF) are written as Excel writes them, <c>_xHHHH_</c> (ECMA-376 ST_Xstring), and text
/// that already looks like such an escape is itself escaped, so that every reader shows the cell exactly as given.
/// </summary>
internal static partial class XlsxText
{
    public static string Escape(string text)
    {
        var clean = true;
        for (var i = 0; i < text.Length && clean; i++)
        {
            clean = text[i] != '\r' && (XmlConvert.IsXmlChar(text[i]) || IsPair(text, i) || IsPair(text, i - 1));
        }

        if (clean && !text.Contains("_x", StringComparison.Ordinal))
        {
            return text;
        }

        var escapedUnderscores = EscapeLike().Replace(text, "_x005F$0");
        var result = new StringBuilder(escapedUnderscores.Length + 8);
        for (var i = 0; i < escapedUnderscores.Length; i++)
        {
            var c = escapedUnderscores[i];
            if (IsPair(escapedUnderscores, i))
            {
                result.Append(c).Append(escapedUnderscores[++i]);
            }
            else if (c == '\r' || !XmlConvert.IsXmlChar(c))
            {
                result.Append("_x").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)).Append('_');
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    private static bool IsPair(string text, int i) =>
        i >= 0 && i + 1 < text.Length && char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]);

    [GeneratedRegex("_x[0-9A-Fa-f]{4}_")]
    private static partial Regex EscapeLike();
}
