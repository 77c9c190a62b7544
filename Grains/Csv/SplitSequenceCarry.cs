namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// The last bytes of a chunk that begin a multi-byte sequence the chunk cut in two. The streams that check text as it
/// passes keep them and put them in front of the next chunk, so every sequence is judged whole.
/// </summary>
internal sealed class SplitSequenceCarry(int capacity)
{
    private readonly byte[] _pending = new byte[capacity];
    private int _count;
    private byte[] _joined = [];

    /// <summary>The kept bytes followed by <paramref name="chunk"/> (the chunk itself when nothing is kept).</summary>
    public ReadOnlySpan<byte> Join(ReadOnlySpan<byte> chunk)
    {
        if (_count == 0)
        {
            return chunk;
        }

        var length = _count + chunk.Length;
        if (_joined.Length < length)
        {
            _joined = new byte[length];
        }

        _pending.AsSpan(0, _count).CopyTo(_joined);
        chunk.CopyTo(_joined.AsSpan(_count));
        return _joined.AsSpan(0, length);
    }

    /// <summary>Keeps <paramref name="tail"/> (an unfinished sequence) for the next chunk; an empty tail keeps nothing.</summary>
    public void Keep(ReadOnlySpan<byte> tail)
    {
        tail.CopyTo(_pending);
        _count = tail.Length;
    }
}
