namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// Rejects files that are not text before any parsing, so that someone who uploads an old .xls workbook
/// is told what to save it as instead of getting a confusing parse error about line 1. (An .xlsx never
/// gets here: <see cref="LeadFileReader"/> reads it as a workbook.)
/// </summary>
internal static class BinaryInputDetector
{
    // Every .xlsx (and any other ZIP container) starts with a local file header.
    private static ReadOnlySpan<byte> ZipSignature => [0x50, 0x4B, 0x03, 0x04];

    // Legacy .xls files are OLE compound documents.
    private static ReadOnlySpan<byte> OleSignature => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static void ThrowIfBinary(InputPreamble preamble)
    {
        var start = preamble.Buffer.AsSpan(0, preamble.Length);
        if (start.StartsWith(ZipSignature))
        {
            throw new CsvInputException(
                CsvProblemKind.UnsupportedMediaType,
                "This looks like an Excel workbook (.xlsx), not a CSV. Save it as 'CSV UTF-8' and upload again.");
        }

        if (start.StartsWith(OleSignature))
        {
            throw new CsvInputException(
                CsvProblemKind.UnsupportedMediaType,
                "This looks like an old Excel workbook (.xls), which is not supported. Save it as an Excel Workbook (.xlsx) or as 'CSV UTF-8' and upload again.");
        }

        // UTF-16 text is full of NUL bytes; it is only accepted when its byte order mark says so.
        if (preamble.Encoding is InputEncoding.Utf8 or InputEncoding.Windows1252 or InputEncoding.AsciiSoFar && start.Contains((byte)0))
        {
            throw new CsvInputException(
                CsvProblemKind.UnsupportedMediaType,
                "This file contains binary data (NUL bytes), so it is not a CSV text file. "
                + "Export the data as 'CSV UTF-8' and upload again.");
        }
    }
}
