using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// Passes UTF-8 bytes through to the CSV parser and stops at the first invalid sequence with the
/// line it is on. The parser itself would turn bad bytes into U+FFFD silently, which would send
/// garbled names to the line writer and back to the user as if they had uploaded them.
/// </summary>
/// <remarks>
/// Lines are counted the way the parser counts them (<see cref="LineCounter"/>), so a line number
/// here matches the line numbers of rows.
/// </remarks>
internal sealed class Utf8ValidatingStream(Stream inner, bool innerIsTranscodedUtf16) : WrappingReadStream(inner)
{
    // A multi-byte character cut by a read boundary: at most 3 bytes wait for the next read.
    private readonly SplitSequenceCarry _carry = new(4);
    private char[] _scratch = [];
    private LineCounter _lines;

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = Inner.Read(buffer);
        }
        catch (DecoderFallbackException ex)
        {
            throw InvalidUtf16(ex);
        }

        Check(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (DecoderFallbackException ex)
        {
            throw InvalidUtf16(ex);
        }

        Check(buffer.Span[..read]);
        return read;
    }

    private void Check(ReadOnlySpan<byte> chunk)
    {
        var isFinal = chunk.IsEmpty;
        var data = _carry.Join(chunk);
        if (_scratch.Length < data.Length)
        {
            _scratch = new char[data.Length];
        }

        var status = Utf8.ToUtf16(data, _scratch, out var consumed, out _, replaceInvalidSequences: false, isFinalBlock: isFinal);
        switch (status)
        {
            case OperationStatus.Done:
                _carry.Keep([]);
                break;
            case OperationStatus.NeedMoreData:
                _carry.Keep(data[consumed..]);
                break;
            default:
                // Pending bytes are never CR or LF (those are single-byte), so counting over the
                // joined data counts exactly the line breaks before the bad byte. The encoding was
                // decided from the start of the file, which was UTF-8: this part is something else.
                var line = _lines.LineAt(data, consumed);
                throw new CsvInputException(
                    CsvProblemKind.Malformed,
                    $"Line {line} is not valid UTF-8 text, although the start of the file is: the file mixes two encodings. "
                    + "Save the whole file as UTF-8 (in Excel: 'CSV UTF-8') and upload again.",
                    line);
        }

        _lines.Advance(chunk);
    }


    private CsvInputException InvalidUtf16(DecoderFallbackException ex)
    {
        // The transcoder works ahead of the line count, so the line is where the bad text starts at the earliest.
        var line = _lines.LineAt([], 0);
        var what = innerIsTranscodedUtf16 ? "UTF-16" : "text";
        return new CsvInputException(
            CsvProblemKind.Malformed,
            $"Line {line} (or soon after) is not valid {what}. Save the file as UTF-8 (in Excel: 'CSV UTF-8') and upload again.",
            line,
            ex);
    }
}
