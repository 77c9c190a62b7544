namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// Passes the bytes of a file read as Windows-1252 through, and stops with the line number at the first UTF-8
/// character: the start of the file was not UTF-8, so such a character means the file mixes two encodings, and
/// reading on would turn it into mojibake ("Ã©" for "é"). It never disposes the input: the caller (the HTTP request) owns it.
/// </summary>
/// <param name="inner">The bytes after the part already checked.</param>
/// <param name="firstLegacyLine">The line of the first byte that is not UTF-8, for the message.</param>
/// <param name="linesBefore">The lines of the file before <paramref name="inner"/>'s first byte, if any were counted.</param>
internal sealed class Windows1252GuardStream(Stream inner, long firstLegacyLine, LineCounter linesBefore = default) : ReadOnlyStreamBase
{
    // The start of a character cut by a read boundary (at most 3 bytes) waits for the next read.
    private readonly SplitSequenceCarry _carry = new(3);
    private LineCounter _lines = linesBefore;

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Check(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Check(buffer.Span[..read]);
        return read;
    }

    /// <summary>Takes in the block that was checked before the stream was made, for line numbers and a character cut at its end.</summary>
    public Windows1252GuardStream After(ReadOnlySpan<byte> checkedBlock)
    {
        Check(checkedBlock);
        return this;
    }

    private void Check(ReadOnlySpan<byte> chunk)
    {
        var data = _carry.Join(chunk);
        var found = Utf8Sequences.FindFirstMultiByte(data, out var undecided);
        if (found >= 0)
        {
            throw CsvErrors.MixedEncodings(_lines.LineAt(data, found), firstLegacyLine);
        }

        _carry.Keep(undecided >= 0 && !chunk.IsEmpty ? data[undecided..] : []);

        _lines.Advance(chunk);
    }
}
