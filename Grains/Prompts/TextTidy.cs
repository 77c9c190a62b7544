using System.Buffers;

namespace PersonalizedLine.Grains.Prompts;

/// <summary>Whitespace clean-up shared by rendering and guardrails.</summary>
/// <remarks>
/// Every row's prompt passes through here, a few kilobytes each, thousands of times a second: both methods make one
/// pass over the text and allocate only their result (nothing when the text is already tidy). "Whitespace" is what
/// <see cref="char.IsWhiteSpace(char)"/> says (the same set as a regular expression's <c>\s</c>), and a line ends
/// wherever <see cref="string.ReplaceLineEndings()"/> would end one (CR, LF, CRLF, NEL, LS, FF, PS).
/// </remarks>
internal static class TextTidy
{
    private static readonly SearchValues<char> LineEndings = SearchValues.Create("\r\n\f\u0085\u2028\u2029");

    /// <summary>Every whitespace run (line breaks included) becomes one space; the result is trimmed.</summary>
    /// <param name="text">The text.</param>
    /// <param name="controlsAsSpaces">Control characters count as whitespace too (text from the web).</param>
    public static string OneLine(string text, bool controlsAsSpaces = false)
    {
        if (IsOneTidyLine(text, controlsAsSpaces))
        {
            return text;
        }

        var buffer = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            var length = CollapseInto(text, buffer, controlsAsSpaces);
            return new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Collapses space runs and trims each line, but keeps line breaks: a multi-line prompt template stays
    /// readable to the model, while an empty optional placeholder leaves no double space behind. At most one blank
    /// line is kept in a row; the result is trimmed.
    /// </summary>
    public static string KeepLines(string text) => KeepLines(text.AsSpan());

    /// <inheritdoc cref="KeepLines(string)"/>
    public static string KeepLines(ReadOnlySpan<char> text)
    {
        // Each line gives at most its own characters plus one line break; only the last has no ending of its own.
        var buffer = ArrayPool<char>.Shared.Rent(text.Length + 1);
        try
        {
            var written = 0;
            var blankRun = 0;
            var rest = text;
            while (true)
            {
                var end = rest.IndexOfAny(LineEndings);
                var line = end < 0 ? rest : rest[..end];
                var lineLength = CollapseInto(line, buffer.AsSpan(written), controlsAsSpaces: false);
                written += lineLength;
                blankRun = lineLength == 0 ? blankRun + 1 : 0;
                if (blankRun < 2)
                {
                    buffer[written++] = '\n';
                }

                if (end < 0)
                {
                    break;
                }

                var ending = rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 1;
                rest = rest[(end + ending)..];
            }

            // Lines are trimmed already: only blank lines at either end remain to go.
            return new string(buffer.AsSpan(0, written).Trim('\n'));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Writes <paramref name="text"/> with its whitespace runs as single spaces and no space at either end.</summary>
    private static int CollapseInto(ReadOnlySpan<char> text, Span<char> destination, bool controlsAsSpaces)
    {
        var written = 0;
        var spacePending = false;
        foreach (var c in text)
        {
            if (IsSpace(c, controlsAsSpaces))
            {
                spacePending = written > 0;
                continue;
            }

            if (spacePending)
            {
                destination[written++] = ' ';
                spacePending = false;
            }

            destination[written++] = c;
        }

        return written;
    }

    /// <summary>No whitespace but single spaces between words: <see cref="OneLine"/> would return the same text.</summary>
    private static bool IsOneTidyLine(string text, bool controlsAsSpaces)
    {
        var previousWasSpace = true; // a leading space is untidy
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (previousWasSpace)
                {
                    return false;
                }

                previousWasSpace = true;
            }
            else if (IsSpace(c, controlsAsSpaces))
            {
                return false;
            }
            else
            {
                previousWasSpace = false;
            }
        }

        return !previousWasSpace || text.Length == 0;
    }

    private static bool IsSpace(char c, bool controlsAsSpaces) => char.IsWhiteSpace(c) || (controlsAsSpaces && char.IsControl(c));
}
