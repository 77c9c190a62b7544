using CsvHelper;

namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// Turns CsvHelper's findings into messages for the person who uploaded the file.
/// </summary>
internal static class CsvErrors
{
    public static CsvInputException FromMalformed(CsvMalformedRecord record)
    {
        var line = record.LineNumber;
        var message = record.Reason switch
        {
            CsvMalformedReason.UnterminatedQuote =>
                $"Line {line}: a quoted field is never closed (unterminated quote). Check for a stray \" in that row.",
            CsvMalformedReason.StrayQuote =>
                $"Line {line}: a quote (\") appears in the middle of a field that is not quoted (stray quote). "
                + "Remove it, or put the whole field in quotes and write the quote twice (\"\").",
            CsvMalformedReason.TextAfterClosingQuote =>
                $"Line {line}: there is text after the closing quote of a quoted field. "
                + "Put the whole field in quotes and write any quote inside it twice (\"\").",
            _ =>
                $"Line {line} is not valid CSV ({record.Reason}). Check the quotes in that row.",
        };
        return new CsvInputException(CsvProblemKind.Malformed, message, line);
    }

    /// <summary>A file with both UTF-8 and Windows-1252 text: reading it either way would garble part of it.</summary>
    public static CsvInputException MixedEncodings(long utf8Line, long legacyLine) => new(
        CsvProblemKind.Malformed,
        $"Line {utf8Line} has UTF-8 text, but line {legacyLine} has text that is not UTF-8 (it reads as Windows-1252): "
        + "the file mixes two encodings, and reading it either way would garble some names. "
        + "Save the whole file as UTF-8 (in Excel: 'CSV UTF-8') and upload again.",
        utf8Line);

    /// <summary>Runs a CsvHelper read and rewords the errors it raises itself.</summary>
    public static async ValueTask<T> Translate<T>(Func<ValueTask<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (CsvFormatException ex)
        {
            throw FromFormatException(ex);
        }
    }

    public static async ValueTask Translate(Func<ValueTask> read)
    {
        try
        {
            await read().ConfigureAwait(false);
        }
        catch (CsvFormatException ex)
        {
            throw FromFormatException(ex);
        }
    }

    private static CsvInputException FromFormatException(CsvFormatException ex)
    {
        long? line = ex.LineNumber > 0 ? ex.LineNumber : null;
        var where = line is null ? "A row" : $"Line {line}";

        // With malformed quoting reported through the callback, the one error left for CsvHelper to
        // throw is a record over MaxRecordSize, which in practice is a quote that never closes.
        return new CsvInputException(
            CsvProblemKind.TooLarge,
            $"{where} starts a row that is larger than the limits allow ({ex.Message}). "
            + "This usually means a quoted field is never closed: check for a stray \" in that row. "
            + "If the row really is that large, ask the operator to raise Upload__MaxFieldChars.",
            line,
            ex);
    }
}
