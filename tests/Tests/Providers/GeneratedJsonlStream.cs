using System.Globalization;
using System.Text;

namespace PersonalizedLine.Tests.Providers;

/// <summary>
/// A seekable stream of <paramref name="length"/> bytes of JSONL made up as it is read, so a test can upload tens of
/// megabytes without holding them, and records how it was read.
/// </summary>
internal sealed class GeneratedJsonlStream(long length) : Stream
{
    private static readonly byte[] Pattern = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 64).Select(i =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"custom_id\":\"filler-{i:D4}\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\",\"body\":{{}}}}\n"))));

    private long _position;

    public int Reads { get; private set; }

    public int LargestRead { get; private set; }

    public long BytesRead { get; private set; }

    public bool WasDisposed { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _position);
        for (var i = 0; i < count; i++)
        {
            buffer[i] = Pattern[(_position + i) % Pattern.Length];
        }

        _position += count;
        Reads++;
        LargestRead = Math.Max(LargestRead, count);
        BytesRead += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        WasDisposed = true;
        base.Dispose(disposing);
    }
}
