using CsvHelper;

namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// The CsvHelper settings for uploads. Everything that CsvHelper would otherwise guess or repair is
/// pinned down: cells must come back exactly as written, and broken quoting must be reported, not
/// "recovered" into shifted columns. The one exception is a quote inside an unquoted field, which is a literal
/// character (as in Excel and pandas): it is counted into the upload's warnings.
/// </summary>
internal static class ReaderOptions
{
    public static CsvReaderOptions For(char delimiter, CsvReadLimits limits, InputWarnings warnings) => CsvReaderOptions.Default with
    {
        // Detected by SeparatorDetector from the header line (only , ; and tab are accepted).
        Separator = delimiter,
        DetectSeparatorHint = false,
        HasHeader = true,
        AllowLineBreaksInQuotes = true,
        SkipEmptyLines = true,
        CommentPrefix = null,
        TrimWhitespace = false,
        TrimInsideQuotes = false,
        TrackLineNumbers = true,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,

        // Recover keeps a stray quote as text; every other problem is thrown from the callback, which
        // (unlike Throw) learns the reason, which the message needs to tell the user what to fix.
        MalformedData = CsvMalformedDataHandling.Recover,
        OnMalformedRecord = record => AcceptBareQuotes(record, delimiter, warnings),

        // A record larger than any the limits allow can only be a quote that never closes; stop
        // buffering there instead of reading the rest of the upload into memory.
        MaxRecordSize = LargestRecordBytes(limits),
    };

    private static void AcceptBareQuotes(CsvMalformedRecord record, char delimiter, InputWarnings warnings)
    {
        if (record.Reason != CsvMalformedReason.StrayQuote)
        {
            throw CsvErrors.FromMalformed(record);
        }

        var (cells, problem) = BareQuoteScanner.Scan(record.RawRecord, delimiter);
        if (problem is { } reason)
        {
            throw CsvErrors.FromMalformed(record with { Reason = reason });
        }

        warnings.AddBareQuotes(cells, record.LineNumber);
    }

    private static int LargestRecordBytes(CsvReadLimits limits)
    {
        // The largest row the limits allow: at most 3 UTF-8 bytes per UTF-16 char (a doubled quote is
        // 2 bytes for 1 char), the two enclosing quotes and a separator per field. With the defaults
        // that is about 150 MB, reached only by a row no limit has stopped yet.
        var bytes = ((long)limits.MaxFieldChars * 3 + 3) * limits.MaxColumns;
        return (int)Math.Clamp(bytes, 1024 * 1024, int.MaxValue / 2);
    }
}
