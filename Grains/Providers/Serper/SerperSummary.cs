using PersonalizedLine.Grains.Prompts;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Condenses a Serper answer into a few lines of plain text for the prompt: the knowledge panel first (the most
/// reliable description of a company), then the answer box, then organic snippets in rank order.
/// </summary>
public static class SerperSummary
{
    public static string Condense(SerperSearchResponse response, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(response);
        var lines = new List<string>();

        if (response.KnowledgeGraph is { } graph)
        {
            var facts = string.Join(", ", new[] { graph.Type, graph.Website }.Where(f => !string.IsNullOrWhiteSpace(f)).Select(Clean));
            var head = Clean(graph.Title ?? string.Empty);
            if (facts.Length > 0)
            {
                head = head.Length > 0 ? $"{head} ({facts})" : facts;
            }

            var description = Clean(graph.Description ?? string.Empty);
            Add(lines, head.Length > 0 && description.Length > 0 ? $"{head}: {description}" : head + description);
        }

        if (response.AnswerBox is { } box)
        {
            Add(lines, Clean(box.Answer ?? box.Snippet ?? string.Empty));
        }

        foreach (var result in (response.Organic ?? []).OrderBy(r => r.Position ?? int.MaxValue))
        {
            var snippet = Clean(result.Snippet ?? string.Empty);
            var title = Clean(result.Title ?? string.Empty);
            Add(lines, title.Length > 0 && snippet.Length > 0 ? $"{title}: {snippet}" : title + snippet);
        }

        return Cap(string.Join('\n', lines), maxChars);
    }

    private static void Add(List<string> lines, string line)
    {
        // Search engines repeat the same blurb across results; once is enough for the prompt.
        if (line.Length > 0 && !lines.Contains(line, StringComparer.OrdinalIgnoreCase))
        {
            lines.Add(line);
        }
    }

    /// <summary>One line of single spaces, control characters and all whitespace as spaces (search snippets carry both).</summary>
    private static string Clean(string? text) => TextTidy.OneLine(text ?? string.Empty, controlsAsSpaces: true);

    private static string Cap(string text, int maxChars)
    {
        if (text.Length <= maxChars)
        {
            return text;
        }

        // Cut at a word boundary when one is reasonably close, and mark the cut.
        var cut = text.LastIndexOfAny([' ', '\n'], Math.Max(0, maxChars - 1));
        var end = cut > maxChars * 3 / 4 ? cut : maxChars - 1;
        return string.Concat(text.AsSpan(0, end).TrimEnd(), "…");
    }
}
