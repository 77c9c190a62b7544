using System.Text.RegularExpressions;

namespace PersonalizedLine.Grains.Prompts;

/// <summary>Removes the packaging models put around an answer: quotes, markdown emphasis, code fences.</summary>
internal static partial class LineUnwrapper
{
    private const string DoubleQuotes = "\"“”«»`";
    private const string SingleQuotes = "'‘’";

    /// <summary>Drops lines that are only a code fence such as ``` or ```text.</summary>
    public static string DropCodeFences(string text) => CodeFenceLine().Replace(text, string.Empty);

    /// <summary>Strips wrapping quotes and emphasis markers, repeatedly, e.g. **"Line"** → Line.</summary>
    public static string Unwrap(string text)
    {
        var current = text.Trim();
        while (true)
        {
            var next = StripQuotes(current) ?? StripEmphasis(current);
            if (next is null)
            {
                return current;
            }

            current = next.Trim();
        }
    }

    private static string? StripQuotes(string text)
    {
        if (text.Length < 2)
        {
            return null;
        }

        var inner = text[1..^1];
        var (first, last) = (text[0], text[^1]);

        // Double-style quotes in the middle mean the ends are two separate quotations ("Move fast" is their
        // "motto"), not one wrapper, so leave them. Nested wrappers at the edges ("'“…”'") are fine.
        var core = inner.Trim((DoubleQuotes + SingleQuotes + " ").ToCharArray());
        if (DoubleQuotes.Contains(first) && DoubleQuotes.Contains(last) && core.IndexOfAny(DoubleQuotes.ToCharArray()) < 0)
        {
            return inner;
        }

        return SingleQuotes.Contains(first) && SingleQuotes.Contains(last) ? inner : null;
    }

    private static string? StripEmphasis(string text)
    {
        foreach (var marker in (string[])["***", "**", "__", "*", "_"])
        {
            if (text.Length > 2 * marker.Length && text.StartsWith(marker, StringComparison.Ordinal) && text.EndsWith(marker, StringComparison.Ordinal))
            {
                // "**Acme** ships **fast**" is two emphasized words, not one wrapped line.
                var inner = text[marker.Length..^marker.Length];
                return inner.Contains(marker, StringComparison.Ordinal) ? null : inner;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^[ \t]*```[\w-]*[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex CodeFenceLine();
}
