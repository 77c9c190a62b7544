using System.Text.RegularExpressions;

namespace PersonalizedLine.Grains.Prompts;

/// <summary>Recognizes chatty lead-ins such as "Sure! Here is a personalized line:" that precede the real answer.</summary>
/// <remarks>
/// A lead-in is only removed when it is followed by something, and an inline one only when it talks about the
/// line itself, so a genuine opener like "Here's a thought: ..." is left alone.
/// </remarks>
internal static partial class PreambleStripper
{
    /// <summary>True for a whole line that is a lead-in ("Here's your opening line:", "Sure!").</summary>
    public static bool IsPreambleLine(string line)
    {
        var text = line.Trim();
        if (Acknowledgement().IsMatch(text))
        {
            return true;
        }

        return text.EndsWith(':') && (StartsChatty().IsMatch(text) || MentionsTheLine().IsMatch(text));
    }

    /// <summary>Removes an inline lead-in ("Here's your opening line: Jane, ...") when text follows it.</summary>
    public static string StripInline(string line)
    {
        var match = InlinePreamble().Match(line);
        return match.Success && match.Length < line.Length ? line[match.Length..] : line;
    }

    [GeneratedRegex(@"^(?:sure|certainly|of course|okay|ok|absolutely|great|happy to help)\b[\s!.,]*$", RegexOptions.IgnoreCase)]
    private static partial Regex Acknowledgement();

    [GeneratedRegex(@"^(?:sure|certainly|of course|okay|ok|absolutely|great|here|below)\b", RegexOptions.IgnoreCase)]
    private static partial Regex StartsChatty();

    [GeneratedRegex(@"\b(?:line|opener|opening|icebreaker|sentence|option)s?\b", RegexOptions.IgnoreCase)]
    private static partial Regex MentionsTheLine();

    [GeneratedRegex(
        @"^(?:(?:sure|certainly|of course|okay|ok|absolutely|great)\b[\s!.,]*)?" +
        @"(?:(?:here(?:'s|’s|\s+is)|below\s+is)\b[^:\n]{0,80}?\b(?:line|opener|opening|icebreaker|sentence)\b[^:\n]{0,40}" +
        @"|(?:your\s+|the\s+)?(?:personali[sz]ed\s+)?(?:opening|opener|first|intro)(?:\s+line)?)" +
        @"\s*:\s*",
        RegexOptions.IgnoreCase)]
    private static partial Regex InlinePreamble();
}
