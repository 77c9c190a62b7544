namespace PersonalizedLine.Grains.Csv;

/// <summary>An uploaded file of leads (CSV or workbook), opened: its header read and checked, its rows still to stream.</summary>
public interface ILeadFileReader : IAsyncDisposable
{
    /// <summary>The header cells exactly as in the file (not trimmed), for the output header.</summary>
    IReadOnlyList<string> Headers { get; }

    /// <summary>The separator the CSV output uses: the upload's own for a CSV, a comma for a workbook.</summary>
    char Delimiter { get; }

    /// <summary>What was read leniently (encoding, bare quotes, unnamed columns, the sheet chosen); complete once every row was read.</summary>
    IReadOnlyList<string> Warnings { get; }

    /// <summary>The data rows in file order, one in memory at a time. Can be enumerated once.</summary>
    /// <exception cref="CsvInputException">A row is malformed or over a limit, or there are no data rows.</exception>
    IAsyncEnumerable<LeadCsvRow> ReadRowsAsync(CancellationToken ct);
}
