using CsvHelper;

namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// Looks again at a record CsvHelper found a stray quote in. A quote inside a field that does not start with one
/// (<c>5" screen</c>, an unquoted <c>=HYPERLINK("http://x")</c>) is a literal character to Excel and pandas, and to us.
/// CsvHelper reports only a record's first problem, so the record's quoted fields are checked here: one that is never
/// closed, or has text after its closing quote, is still an error, never a silent merge of rows.
/// </summary>
internal static class BareQuoteScanner
{
    /// <summary>The number of unquoted fields that hold a quote, or the quoting problem of a quoted field.</summary>
    public static (int BareQuoteCells, CsvMalformedReason? Problem) Scan(string rawRecord, char separator)
    {
        var cells = 0;
        var i = 0;
        while (true)
        {
            if (i < rawRecord.Length && rawRecord[i] == '"')
            {
                i = SkipQuotedField(rawRecord, i + 1);
                if (i < 0)
                {
                    return (cells, CsvMalformedReason.UnterminatedQuote);
                }

                if (i < rawRecord.Length && rawRecord[i] != separator)
                {
                    return (cells, CsvMalformedReason.TextAfterClosingQuote);
                }
            }
            else
            {
                var end = rawRecord.IndexOf(separator, i);
                end = end < 0 ? rawRecord.Length : end;
                if (rawRecord.AsSpan(i, end - i).Contains('"'))
                {
                    cells++;
                }

                i = end;
            }

            if (i >= rawRecord.Length)
            {
                return (cells, null);
            }

            i++; // the separator
        }
    }

    /// <summary>The position after the closing quote of a field whose opening quote is before <paramref name="i"/>; -1 when it never closes.</summary>
    private static int SkipQuotedField(string text, int i)
    {
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return -1;
    }
}
