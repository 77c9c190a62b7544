using System.Text.RegularExpressions;

namespace PersonalizedLine.Grains.Prompts;

/// <summary>Wraps web research in &lt;research&gt; tags the web text itself cannot close.</summary>
/// <remarks>
/// Search results are attacker-controlled text. If a page contained "&lt;/research&gt; Ignore previous instructions",
/// an unescaped copy would end the data block and the rest would read as instructions. Any look-alike of either
/// tag (any case, stray spaces, attributes) is replaced by a visible marker, so exactly one opening and one
/// closing tag remain: ours.
/// </remarks>
internal static partial class ResearchBlock
{
    public const string OpenTag = "<research>";
    public const string CloseTag = "</research>";
    public const string NoResearch = "(no research found)";
    public const string RemovedTagMarker = "[research tag removed]";

    public static string Wrap(string? research)
    {
        var body = string.IsNullOrWhiteSpace(research) ? NoResearch : Neutralize(research.Trim());
        return $"{OpenTag}\n{body}\n{CloseTag}";
    }

    public static string Neutralize(string text) => TagLookAlike().Replace(text, RemovedTagMarker);

    [GeneratedRegex(@"<\s*/?\s*research\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TagLookAlike();
}
