using PersonalizedLine.Grains.Xlsx;

namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// Opens an upload as what it is: an Excel workbook (recognised by the ZIP signature every .xlsx starts with) or a
/// CSV (UTF-8, UTF-16 with a byte order mark, or Windows-1252). Both give rows of text cells to the same pipeline.
/// </summary>
public static class LeadFileReader
{
    // Every .xlsx (a ZIP archive) starts with a local file header.
    private static ReadOnlySpan<byte> ZipSignature => [0x50, 0x4B, 0x03, 0x04];

    /// <param name="input">The upload, read once as it streams in (a workbook is first copied to a temporary file).</param>
    /// <param name="limits">Upload limits.</param>
    /// <param name="sheet">A workbook's sheet to read, by name; null for the first. Ignored (with a warning) for a CSV.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <exception cref="CsvInputException">The file is empty, binary, not valid text, not a readable workbook, or its header is unusable.</exception>
    public static async Task<ILeadFileReader> OpenAsync(Stream input, CsvReadLimits limits, string? sheet, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(limits);
        var preamble = await InputPreamble.ReadAsync(input, LeadCsvReader.PreambleBytes, ct).ConfigureAwait(false);
        var warnings = new InputWarnings();
        if (preamble.Buffer.AsSpan(0, preamble.Length).StartsWith(ZipSignature))
        {
            return await XlsxLeadReader.OpenAsync(preamble.Buffer.AsMemory(0, preamble.Length), input, sheet, limits, warnings, ct).ConfigureAwait(false);
        }

        if (!string.IsNullOrWhiteSpace(sheet))
        {
            warnings.Add($"sheet='{sheet.Trim()}' was ignored: the file is a CSV, which has no sheets.");
        }

        return await LeadCsvReader.OpenAsync(preamble, input, limits, warnings, ct).ConfigureAwait(false);
    }
}
