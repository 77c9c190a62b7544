using System.Text.RegularExpressions;

namespace PersonalizedLine.Grains.Prompts;

/// <summary>Turns a model's raw answer into one clean line, or rejects it with a reason for the error column.</summary>
/// <remarks>
/// Harmless packaging (quotes, markdown, a "Here's your line:" lead-in) is removed because retrying for it would
/// waste a provider call; answers that are wrong in substance (several lines, a refusal, unfilled placeholders,
/// too long) are rejected so the row fails visibly instead of shipping a bad line. Spreadsheet formula
/// neutralization is left to the CSV writer, which applies it to every generated cell.
/// </remarks>
public static partial class LineGuardrails
{
    public const int DefaultMaxLength = 300;

    private const int RefusalExcerptLength = 80;

    public static GuardrailVerdict Check(string? raw, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (string.IsNullOrWhiteSpace(raw))
        {
            return GuardrailVerdict.Reject("the model returned an empty answer");
        }

        var lines = MeaningfulLines(raw);
        if (lines.Count == 0)
        {
            return GuardrailVerdict.Reject("the model returned an empty answer");
        }

        var line = TextTidy.OneLine(LineUnwrapper.Unwrap(PreambleStripper.StripInline(lines[0])));

        // Checked before the line count: a refusal usually runs over several lines, and "refused" is the useful reason.
        if (RefusalDetector.IsRefusal(line))
        {
            return GuardrailVerdict.Reject("the model refused: " + Excerpt(line));
        }

        if (lines.Count > 1)
        {
            return GuardrailVerdict.Reject($"the model returned {lines.Count} lines instead of one");
        }

        if (line.Length == 0)
        {
            return GuardrailVerdict.Reject("the model returned an empty answer");
        }

        var placeholder = LeftoverPlaceholder().Match(line);
        if (placeholder.Success)
        {
            return GuardrailVerdict.Reject($"the line still contains the placeholder {placeholder.Value}");
        }

        if (line.Length > maxLength)
        {
            return GuardrailVerdict.Reject($"the line is {line.Length} characters, over the {maxLength}-character limit");
        }

        return GuardrailVerdict.Accept(line);
    }

    // Non-empty lines after removing fences, wrappers and whole-line lead-ins (only while something follows them).
    private static List<string> MeaningfulLines(string raw)
    {
        var text = LineUnwrapper.Unwrap(LineUnwrapper.DropCodeFences(raw.ReplaceLineEndings("\n")));
        var lines = text.Split('\n').Select(LineUnwrapper.Unwrap).Where(l => l.Length > 0).ToList();
        while (lines.Count > 1 && PreambleStripper.IsPreambleLine(lines[0]))
        {
            lines.RemoveAt(0);
        }

        return lines;
    }

    private static string Excerpt(string line) =>
        line.Length <= RefusalExcerptLength ? line : line[..RefusalExcerptLength].TrimEnd() + "…";

    // {first_name}, [Company], [First Name], <Company>: template or model placeholders that were never filled.
    [GeneratedRegex(@"\{[^{}\n]{1,40}\}|\[[A-Za-z][A-Za-z0-9 _.'’-]{0,40}\]|<[A-Za-z][A-Za-z _]{0,40}>")]
    private static partial Regex LeftoverPlaceholder();
}
