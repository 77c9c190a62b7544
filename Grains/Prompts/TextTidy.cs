using System.Text;
using System.Text.RegularExpressions;

namespace PersonalizedLine.Grains.Prompts;

/// <summary>Whitespace clean-up shared by rendering and guardrails.</summary>
internal static partial class TextTidy
{
    /// <summary>Every whitespace run (line breaks included) becomes one space; the result is trimmed.</summary>
    public static string OneLine(string text) => AnyWhitespace().Replace(text, " ").Trim();

    /// <summary>
    /// Collapses space runs and trims each line, but keeps line breaks: a multi-line prompt template stays
    /// readable to the model, while an empty optional placeholder leaves no double space behind.
    /// </summary>
    public static string KeepLines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(line => HorizontalWhitespace().Replace(line, " ").Trim());
        var joined = new StringBuilder();
        var blankRun = 0;
        foreach (var line in lines)
        {
            blankRun = line.Length == 0 ? blankRun + 1 : 0;
            if (blankRun < 2)
            {
                joined.Append(line).Append('\n');
            }
        }

        return joined.ToString().Trim();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex AnyWhitespace();

    [GeneratedRegex(@"[^\S\n]+")]
    private static partial Regex HorizontalWhitespace();
}
