using CsvHelper;

namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// Writes the result file as it is produced, row by row, in UTF-8 without a byte order mark, with
/// the separator of the upload and RFC 4180 quoting (only where needed). Records end with CRLF, as
/// RFC 4180 specifies and Excel writes; every CSV reader accepts it.
/// </summary>
/// <remarks>
/// Input cells are written exactly as they were read; only the generated cells are passed through
/// <see cref="FormulaNeutralizer"/>.
/// </remarks>
public sealed class LeadCsvWriter : IResultSheetWriter
{
    private const int GeneratedColumns = 3;

    private readonly CsvWriter _csv;
    private int _inputColumns = -1;

    private LeadCsvWriter(CsvWriter csv) => _csv = csv;

    /// <param name="output">The destination, such as the HTTP response body.</param>
    /// <param name="delimiter">The separator of the upload, so the file opens the same way it came in.</param>
    /// <param name="leaveOpen">
    /// True (the default) leaves <paramref name="output"/> open on dispose: its owner (the HTTP
    /// response) closes it.
    /// </param>
    public static LeadCsvWriter Create(Stream output, char delimiter, bool leaveOpen = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        var options = CsvWriterOptions.Default with
        {
            Separator = delimiter,
            NewLine = "\r\n",
            Quoting = CsvQuoting.WhenNeeded,

            // CsvHelper's injection guard would also change input cells; see FormulaNeutralizer.
            Injection = CsvInjection.None,
            WriteByteOrderMark = false,
            ValidateFieldCount = true,
        };
        return new LeadCsvWriter(CsvWriter.Create(output, options, leaveOpen));
    }

    /// <summary>
    /// Writes the header: the input file's header cells as given, followed by the generated column
    /// names from <see cref="OutputColumns.For"/> (so pass the input headers, not the output ones).
    /// </summary>
    public async ValueTask WriteHeaderAsync(IReadOnlyList<string> headers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (_inputColumns >= 0)
        {
            throw new InvalidOperationException("The header has already been written.");
        }

        _inputColumns = headers.Count;
        await _csv.WriteRecordAsync([.. OutputColumns.For(headers)], ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes one row: the input cells unchanged, then the generated line, status and error, each
    /// neutralized against spreadsheet formula injection.
    /// </summary>
    public async ValueTask WriteRowAsync(IReadOnlyList<string> inputCells, string line, string status, string error, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(inputCells);
        if (_inputColumns < 0)
        {
            throw new InvalidOperationException("Write the header before the rows.");
        }

        if (inputCells.Count != _inputColumns)
        {
            throw new ArgumentException(
                $"A row has {inputCells.Count} input cells but the header has {_inputColumns} input columns.", nameof(inputCells));
        }

        var record = new string[_inputColumns + GeneratedColumns];
        for (var i = 0; i < _inputColumns; i++)
        {
            record[i] = inputCells[i];
        }

        record[_inputColumns] = FormulaNeutralizer.Neutralize(line ?? string.Empty);
        record[_inputColumns + 1] = FormulaNeutralizer.Neutralize(status ?? string.Empty);
        record[_inputColumns + 2] = FormulaNeutralizer.Neutralize(error ?? string.Empty);
        await _csv.WriteRecordAsync(record, ct).ConfigureAwait(false);
    }

    /// <summary>Sends buffered rows to the output, e.g. so a client sees progress.</summary>
    public async ValueTask FlushAsync(CancellationToken ct) => await _csv.FlushAsync(ct).ConfigureAwait(false);

    public ValueTask DisposeAsync() => _csv.DisposeAsync();
}
