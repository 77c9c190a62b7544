using System.Buffers;
using System.Text;

namespace PersonalizedLine.Grains.Csv;

/// <summary>
/// The bytes of a file whose first block is plain ASCII, which reads the same in UTF-8 and in Windows-1252: the
/// encoding is decided at the first byte that is not ASCII, however far into the file. A valid UTF-8 character makes
/// it UTF-8 (passed on as is, validated by <see cref="Utf8ValidatingStream"/>); anything else makes it Windows-1252,
/// transcoded to UTF-8 from there on and guarded against UTF-8 that follows (<see cref="Windows1252GuardStream"/>).
/// So a Windows export whose first accented name is on row 100,000 reads as well as one whose header has one.
/// </summary>
/// <remarks>It never disposes the input: the caller (the HTTP request) owns it.</remarks>
internal sealed class LateEncodingStream(Stream inner, InputWarnings warnings) : ReadOnlyStreamBase
{
    // Up to three bytes that may start a UTF-8 character, cut by a read boundary, wait for the next read.
    private byte[] _held = [];
    private LineCounter _lines;
    private Stream? _decided;

    public override int Read(Span<byte> buffer)
    {
        while (_decided is null)
        {
            var read = inner.Read(buffer);
            var ready = Scan(buffer, read);
            if (ready > 0 || (ready == 0 && _decided is null))
            {
                return ready;
            }
        }

        return _decided.Read(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_decided is null)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            var ready = Scan(buffer.Span, read);
            if (ready > 0 || (ready == 0 && _decided is null))
            {
                return ready;
            }
        }

        return await _decided.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Looks at <paramref name="read"/> new bytes at the start of <paramref name="buffer"/>. Returns how many of them
    /// (ASCII) the caller gets as they are; 0 with no decision is the end of the input; -1 asks for another read
    /// (a character is still cut); 0 or -1 after a decision means: read from the decided stream.
    /// </summary>
    private int Scan(Span<byte> buffer, int read)
    {
        var data = buffer[..read];
        var first = _held.Length > 0 ? 0 : data.IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
        if (first < 0)
        {
            _lines.Advance(data);
            return read;
        }

        byte[] undecided = [.. _held, .. data[first..]];
        var status = Rune.DecodeFromUtf8(undecided, out _, out _);
        if (status == OperationStatus.NeedMoreData && read > 0)
        {
            _held = undecided;
            _lines.Advance(data[..first]);
            return first > 0 ? first : -1;
        }

        _lines.Advance(data[..first]);
        _decided = status == OperationStatus.Done ? new PrefixedStream(undecided, 0, undecided.Length, inner) : Windows1252From(undecided);
        return first;
    }

    private Stream Windows1252From(byte[] undecided)
    {
        var line = _lines.LineAt([], 0);
        warnings.Add(InputWarnings.ReadAsWindows1252(line));
        var guarded = new Windows1252GuardStream(inner, line, _lines).After(undecided);
        return Encoding.CreateTranscodingStream(
            new PrefixedStream(undecided, 0, undecided.Length, guarded), LegacyEncodings.Windows1252, new UTF8Encoding(false), leaveOpen: false);
    }
}
