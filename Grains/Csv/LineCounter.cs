namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// Counts lines over bytes that arrive in pieces, the way the CSV parser counts them (CR, LF and CR LF each end one
/// line), so that a line number from an encoding check matches the line numbers of rows.
/// </summary>
internal struct LineCounter
{
    private long _lineBreaks;
    private bool _lastWasCr;

    /// <summary>The 1-based line that the byte at <paramref name="offset"/> of the next piece is on.</summary>
    public readonly long LineAt(ReadOnlySpan<byte> piece, int offset)
    {
        var lastWasCr = _lastWasCr;
        return _lineBreaks + Count(piece[..offset], ref lastWasCr) + 1;
    }

    /// <summary>Counts the line breaks of the next piece.</summary>
    public void Advance(ReadOnlySpan<byte> piece) => _lineBreaks += Count(piece, ref _lastWasCr);

    private static long Count(ReadOnlySpan<byte> span, ref bool lastWasCr)
    {
        if (span.IsEmpty)
        {
            return 0;
        }

        long count = span.Count((byte)'\n');

        // An LF right after a CR from the previous piece ends the same line as that CR.
        if (lastWasCr && span[0] == (byte)'\n')
        {
            count--;
        }

        var firstCr = span.IndexOf((byte)'\r');
        if (firstCr >= 0)
        {
            for (var i = firstCr; i < span.Length; i++)
            {
                if (span[i] == (byte)'\r' && (i + 1 == span.Length || span[i + 1] != (byte)'\n'))
                {
                    count++;
                }
            }
        }

        lastWasCr = span[^1] == (byte)'\r';
        return count;
    }
}
