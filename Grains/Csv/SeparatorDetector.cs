namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// Picks the separator from the header line. Leads come from Excel exports in many locales:
/// commas, semicolons (where the comma is the decimal mark) and tabs. The header is used because
/// names rarely contain separators, while data cells (addresses, notes) often do.
/// </summary>
internal static class SeparatorDetector
{
    // In order of preference when counts tie: the comma is by far the most common.
    private static readonly char[] Candidates = [',', ';', '\t'];

    public static char FromHeaderLine(ReadOnlySpan<char> text)
    {
        Span<int> counts = stackalloc int[Candidates.Length];
        var inQuotes = false;
        var started = false;

        foreach (var c in text)
        {
            if (c == '"')
            {
                // A doubled quote inside a quoted name toggles twice, which leaves the state unchanged.
                inQuotes = !inQuotes;
                started = true;
                continue;
            }

            if (!inQuotes && (c == '\r' || c == '\n'))
            {
                if (started)
                {
                    break;
                }

                // Blank lines before the header are skipped by the reader as well.
                continue;
            }

            started = true;
            if (!inQuotes)
            {
                var index = Array.IndexOf(Candidates, c);
                if (index >= 0)
                {
                    counts[index]++;
                }
            }
        }

        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best])
            {
                best = i;
            }
        }

        // A header without any separator is a one-column file; the comma is then as good as any.
        return Candidates[best];
    }
}
