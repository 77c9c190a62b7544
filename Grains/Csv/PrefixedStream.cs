namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// Replays bytes that were already read for sniffing, then continues with the rest of the input.
/// It never disposes the input: the caller (the HTTP request) owns it.
/// </summary>
internal sealed class PrefixedStream(byte[] prefix, int offset, int count, Stream rest) : ReadOnlyStreamBase
{
    private int _offset = offset;
    private int _remaining = count;

    public override int Read(Span<byte> buffer)
    {
        if (_remaining > 0)
        {
            return TakePrefix(buffer);
        }

        return rest.Read(buffer);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining > 0)
        {
            return ValueTask.FromResult(TakePrefix(buffer.Span));
        }

        return rest.ReadAsync(buffer, cancellationToken);
    }

    private int TakePrefix(Span<byte> buffer)
    {
        var n = Math.Min(buffer.Length, _remaining);
        prefix.AsSpan(_offset, n).CopyTo(buffer);
        _offset += n;
        _remaining -= n;
        return n;
    }
}
