using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Streams a batch output or error file line by line as it arrives: only the line being read (and the socket's buffer)
/// is in memory, whatever the file's size. A line that cannot be read becomes a result saying so; only a broken or
/// stalled connection ends the stream, with a <see cref="ProviderCallException"/>, and the caller reads the file again.
/// </summary>
internal static class BatchResultReader
{
    private const int BufferSize = 64 * 1024;

    /// <param name="content">The file's bytes; disposed when the enumeration ends.</param>
    /// <param name="fileId">Named in messages.</param>
    /// <param name="format">How completions are read (as online).</param>
    /// <param name="stallTimeout">How long the provider may send nothing before the download is given up.</param>
    /// <param name="provider">Named in messages.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    public static async IAsyncEnumerable<BatchResultLine> ReadAsync(
        Stream content, string fileId, ChatWireFormat format, TimeSpan stallTimeout, ProviderIdentity provider,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(content, new StreamPipeReaderOptions(bufferSize: BufferSize, leaveOpen: false));
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var lineNumber = 0;
        try
        {
            while (true)
            {
                var read = await ReadAsync(reader, stall, stallTimeout, fileId, lineNumber, provider, cancellationToken).ConfigureAwait(false);
                var buffer = read.Buffer;
                while (TryTakeLine(ref buffer, out var line))
                {
                    lineNumber++;
                    if (!IsBlank(line))
                    {
                        yield return BatchResultParser.Parse(line, lineNumber, fileId, format);
                    }
                }

                if (read.IsCompleted)
                {
                    // The last line may have no line end.
                    if (!buffer.IsEmpty && !IsBlank(buffer))
                    {
                        yield return BatchResultParser.Parse(buffer, lineNumber + 1, fileId, format);
                    }

                    break;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static async ValueTask<ReadResult> ReadAsync(
        PipeReader reader, CancellationTokenSource stall, TimeSpan stallTimeout, string fileId, int linesRead, ProviderIdentity provider,
        CancellationToken cancellationToken)
    {
        stall.CancelAfter(stallTimeout);
        try
        {
            return await reader.ReadAsync(stall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderCallException(
                $"{provider.DisplayName} sent nothing for {DurationText.Format(stallTimeout)} while batch file {fileId} was downloading (after {linesRead} lines); read it again.", ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new ProviderCallException(
                $"{provider.DisplayName} broke off the download of batch file {fileId} after {linesRead} lines ({ex.Message}); read it again.", ex);
        }
        finally
        {
            stall.TryReset();
        }
    }

    private static bool TryTakeLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        if (buffer.PositionOf((byte)'\n') is not { } end)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, end);
        buffer = buffer.Slice(buffer.GetPosition(1, end));
        return true;
    }

    private static bool IsBlank(ReadOnlySequence<byte> line)
    {
        foreach (var segment in line)
        {
            if (!segment.Span.Trim(" \t\r"u8).IsEmpty)
            {
                return false;
            }
        }

        return true;
    }
}
