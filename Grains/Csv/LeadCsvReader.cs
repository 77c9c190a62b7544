using System.Runtime.CompilerServices;
using System.Text;
using CsvHelper;

namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// Reads an uploaded leads CSV as a stream of rows, one row in memory at a time, so a file of a
/// million rows uses as much memory as a file of ten. Parsing is CsvHelper's; this class adds what
/// an upload from a person needs: encoding and binary checks, separator detection, header checks,
/// limits, and errors that say which line to fix.
/// </summary>
/// <remarks>The input stream is never disposed here: whoever opened it (the HTTP request) owns it.</remarks>
public sealed class LeadCsvReader : ILeadFileReader
{
    /// <summary>
    /// The first block, read before parsing: enough to see the header of any sane file, to recognise binary formats
    /// by their first bytes and to tell UTF-8 from Windows-1252 (when the block is all ASCII, the first byte that is
    /// not decides, however far into the file: <see cref="LateEncodingStream"/>). Small, so that a slow upload's job
    /// exists as soon as its first rows arrive.
    /// </summary>
    internal const int PreambleBytes = 64 * 1024;

    private readonly CsvReader _csv;
    private readonly CsvReadLimits _limits;
    private readonly InputWarnings _warnings;
    private bool _rowsRequested;

    private LeadCsvReader(CsvReader csv, CsvReadLimits limits, IReadOnlyList<string> headers, char delimiter, InputWarnings warnings)
    {
        _csv = csv;
        _limits = limits;
        Headers = headers;
        Delimiter = delimiter;
        _warnings = warnings;
    }

    /// <summary>The header cells exactly as in the file (not trimmed), for the output header.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>The detected separator: ',', ';' or '\t'. The output uses the same one.</summary>
    public char Delimiter { get; }

    /// <inheritdoc/>
    public IReadOnlyList<string> Warnings => _warnings.ToList();

    /// <exception cref="CsvInputException">The file is empty, binary, not valid text, or its header is unusable.</exception>
    public static async Task<LeadCsvReader> OpenAsync(Stream input, CsvReadLimits limits, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(limits);

        var preamble = await InputPreamble.ReadAsync(input, PreambleBytes, ct).ConfigureAwait(false);
        return await OpenAsync(preamble, input, limits, new InputWarnings(), ct).ConfigureAwait(false);
    }

    /// <param name="preamble">The first block of <paramref name="input"/>, already read.</param>
    /// <param name="input">The rest of the file.</param>
    /// <param name="limits">Upload limits.</param>
    /// <param name="warnings">Where lenient reads are noted.</param>
    /// <param name="ct">Cancels the read.</param>
    internal static async Task<LeadCsvReader> OpenAsync(InputPreamble preamble, Stream input, CsvReadLimits limits, InputWarnings warnings, CancellationToken ct)
    {
        BinaryInputDetector.ThrowIfBinary(preamble);
        if (preamble.FirstUtf8Line is { } utf8Line)
        {
            throw CsvErrors.MixedEncodings(utf8Line, preamble.FirstLegacyLine);
        }

        var sample = preamble.DecodeSample();
        if (preamble.IsWholeInput && string.IsNullOrWhiteSpace(sample))
        {
            throw new CsvInputException(CsvProblemKind.Malformed, "The file is empty.");
        }

        if (preamble.Encoding == InputEncoding.Windows1252)
        {
            warnings.Add(InputWarnings.ReadAsWindows1252(preamble.FirstLegacyLine));
        }

        var delimiter = SeparatorDetector.FromHeaderLine(sample);
        var csv = CsvReader.Create(OpenText(input, preamble, warnings), ReaderOptions.For(delimiter, limits, warnings), leaveOpen: false);
        try
        {
            await CsvErrors.Translate(() => csv.ReadHeaderAsync(ct)).ConfigureAwait(false);
            var headers = csv.Headers.ToArray();
            if (headers.Length == 0)
            {
                throw new CsvInputException(CsvProblemKind.Malformed, "The file is empty.");
            }

            var unnamed = HeaderValidator.Validate(headers, csv.LineNumber, limits);
            if (unnamed > 0)
            {
                warnings.Add(HeaderValidator.DescribeUnnamedAtEnd(unnamed, headers.Length));
            }

            return new LeadCsvReader(csv, limits, headers, delimiter, warnings);
        }
        catch
        {
            await csv.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The data rows in file order. Can be enumerated once. Blank lines are skipped; every row has
    /// exactly <see cref="Headers"/>.Count cells.
    /// </summary>
    /// <exception cref="CsvInputException">A row is malformed or over a limit, or there are no data rows.</exception>
    public async IAsyncEnumerable<LeadCsvRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        if (_rowsRequested)
        {
            throw new InvalidOperationException("The rows of an upload can only be read once.");
        }

        _rowsRequested = true;
        long rows = 0;
        while (await CsvErrors.Translate(() => _csv.ReadAsync(ct)).ConfigureAwait(false))
        {
            var line = _csv.LineNumber;
            if (++rows > _limits.MaxRows)
            {
                throw new CsvInputException(
                    CsvProblemKind.TooLarge,
                    $"Line {line}: the file has more than {_limits.MaxRows} data rows, the most one upload may have. "
                    + "Split it into smaller files, or ask the operator to raise Upload__MaxRows.",
                    line);
            }

            yield return RowBuilder.Build(_csv, line, Headers, _limits);
        }

        if (rows == 0)
        {
            throw new CsvInputException(
                CsvProblemKind.Malformed,
                "The file has a header but no data rows. Add one lead per line below the header.");
        }
    }

    public ValueTask DisposeAsync() => _csv.DisposeAsync();

    private static Stream OpenText(Stream input, InputPreamble preamble, InputWarnings warnings)
    {
        // The byte order mark is dropped here so that it never ends up in the first header name.
        Stream bytes = new PrefixedStream(preamble.Buffer, preamble.BomLength, preamble.Length - preamble.BomLength, input);
        if (preamble.Encoding == InputEncoding.Windows1252)
        {
            // The block was checked already; the rest must not turn out to be UTF-8 (that would be mojibake).
            bytes = new PrefixedStream(preamble.Buffer, 0, preamble.Length, new Windows1252GuardStream(input, preamble.FirstLegacyLine).After(preamble.Content));
            bytes = Encoding.CreateTranscodingStream(bytes, LegacyEncodings.Windows1252, new UTF8Encoding(false), leaveOpen: false);
            return new Utf8ValidatingStream(bytes, innerIsTranscodedUtf16: false);
        }

        if (preamble.Encoding == InputEncoding.AsciiSoFar)
        {
            return new Utf8ValidatingStream(new LateEncodingStream(bytes, warnings), innerIsTranscodedUtf16: false);
        }

        var utf16 = preamble.Encoding != InputEncoding.Utf8;
        if (utf16)
        {
            // The parser works on UTF-8; transcode with a decoder that throws on invalid input.
            var source = new UnicodeEncoding(
                bigEndian: preamble.Encoding == InputEncoding.Utf16BigEndian, byteOrderMark: false, throwOnInvalidBytes: true);
            bytes = Encoding.CreateTranscodingStream(bytes, source, new UTF8Encoding(false), leaveOpen: false);
        }

        return new Utf8ValidatingStream(bytes, utf16);
    }
}
