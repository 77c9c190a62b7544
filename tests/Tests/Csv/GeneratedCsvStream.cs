using System.Text;

namespace PersonalizedLine.Tests.Csv;

/// <summary>
/// A CSV upload of any number of rows produced while it is read, so a test can read a large file
/// without the file ever existing in memory.
/// </summary>
internal sealed class GeneratedCsvStream(int rows) : Stream
{
    private byte[] _current = Encoding.UTF8.GetBytes("id,name,company,note\r\n");
    private int _offset;
    private int _nextRow = 1;

    public static string[] CellsOf(int row) => [row.ToString(), $"Name {row}", $"Company, Inc {row}", $"says \"hi\" {row}"];

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_offset == _current.Length)
            {
                if (_nextRow > rows)
                {
                    break;
                }

                var c = CellsOf(_nextRow++);
                _current = Encoding.UTF8.GetBytes($"{c[0]},{c[1]},\"{c[2]}\",\"{c[3].Replace("\"", "\"\"")}\"\r\n");
                _offset = 0;
            }

            var n = Math.Min(buffer.Length - written, _current.Length - _offset);
            _current.AsSpan(_offset, n).CopyTo(buffer[written..]);
            _offset += n;
            written += n;
        }

        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
