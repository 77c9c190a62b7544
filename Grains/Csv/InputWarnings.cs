namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// What was read differently from a strict UTF-8, RFC 4180 CSV, in words for the person who uploaded the file: the
/// job keeps them and shows them next to its progress, so nothing is accepted silently.
/// </summary>
public sealed class InputWarnings
{
    private readonly List<string> _notes = [];
    private long _bareQuoteCells;
    private long _firstBareQuoteLine;

    /// <summary>The note for a file read as Windows-1252 from <paramref name="line"/> on (the lines before are ASCII).</summary>
    public static string ReadAsWindows1252(long line) =>
        $"The file is not UTF-8 (line {line} is the first that is not): it was read as Windows-1252, "
        + "the encoding of Excel's 'CSV' on Windows (Latin-1 letters read the same). The result is UTF-8.";

    /// <summary>Adds a finished sentence.</summary>
    public void Add(string note) => _notes.Add(note);

    /// <summary>Counts cells of an unquoted field holding a quote, which was read as a literal character.</summary>
    public void AddBareQuotes(long cells, long line)
    {
        if (cells > 0 && _bareQuoteCells == 0)
        {
            _firstBareQuoteLine = line;
        }

        _bareQuoteCells += cells;
    }

    public long BareQuoteCells => _bareQuoteCells;

    /// <summary>The sentences, the bare-quote count last (it is only complete once every row has been read).</summary>
    public IReadOnlyList<string> ToList()
    {
        if (_bareQuoteCells == 0)
        {
            return [.. _notes];
        }

        var cells = _bareQuoteCells == 1 ? "1 cell had" : $"{_bareQuoteCells} cells had";
        return [.. _notes, $"{cells} a bare quote (\") inside an unquoted field (first on line {_firstBareQuoteLine}); "
            + "read as a literal character, as Excel does."];
    }
}
