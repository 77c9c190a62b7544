using System.Text;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.EndToEnd;

/// <summary>
/// A <see cref="LeadFiles.Csv"/> file generated while it is sent, that stops after given numbers of rows until the
/// test lets it go on: whatever the test does at a pause (kill a silo, kill the API) happens while the upload is
/// certainly not over, however fast or slow the machine is. The rows before a pause may still be on their way through
/// the socket buffers and the API when the test acts, so calls are in flight then too.
/// </summary>
public sealed class PausingLeadCsvStream : Stream
{
    private readonly int _rows;
    private readonly int[] _pauseAfter;
    private readonly TaskCompletionSource[] _reached;
    private readonly TaskCompletionSource[] _released;
    private byte[] _current = Encoding.UTF8.GetBytes(LeadFiles.Header + "\n");
    private int _offset;
    private int _nextRow;
    private int _nextPause;

    /// <param name="rows">Rows in the file.</param>
    /// <param name="pauseAfter">Row counts, ascending, after which the stream waits for <see cref="Release"/>.</param>
    public PausingLeadCsvStream(int rows, params int[] pauseAfter)
    {
        _rows = rows;
        _pauseAfter = pauseAfter;
        _reached = pauseAfter.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        _released = pauseAfter.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
    }

    /// <summary>Rows handed to the HTTP client so far.</summary>
    public int RowsSent => Volatile.Read(ref _nextRow);

    /// <summary>Completes when pause <paramref name="pause"/> is reached: every row before it was handed to the HTTP client.</summary>
    public Task Reached(int pause) => _reached[pause].Task;

    public void Release(int pause) => _released[pause].TrySetResult();

    /// <summary>Lets the upload run to its end (on failure too, so no upload is left hanging).</summary>
    public void ReleaseAll()
    {
        foreach (var released in _released)
        {
            released.TrySetResult();
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_offset == _current.Length)
            {
                if (_nextRow == _rows)
                {
                    break;
                }

                if (_nextPause < _pauseAfter.Length && _nextRow == _pauseAfter[_nextPause])
                {
                    if (written > 0)
                    {
                        break; // Send what is ready before waiting.
                    }

                    _reached[_nextPause].TrySetResult();
                    await _released[_nextPause].Task.WaitAsync(cancellationToken);
                    _nextPause++;
                }

                var i = _nextRow;
                _current = Encoding.UTF8.GetBytes($"Lead{i},Surname{i},CTO,Company{i},company{i}.example\n");
                _offset = 0;
                Volatile.Write(ref _nextRow, i + 1);
            }

            var n = Math.Min(buffer.Length - written, _current.Length - _offset);
            _current.AsSpan(_offset, n).CopyTo(buffer.Span[written..]);
            _offset += n;
            written += n;
        }

        return written;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

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
