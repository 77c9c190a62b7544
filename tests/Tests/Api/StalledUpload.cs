using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace PersonalizedLine.Tests.Api;

/// <summary>
/// A multipart job upload (one 'file' part) that sends its first rows and then stalls, the way a slow or stuck client
/// does, until the test calls <see cref="Release"/>. The server reads it as it arrives, so the job exists and holds
/// the first rows while the rest has not been sent.
/// </summary>
/// <remarks>
/// The server sniffs the first 64 KiB of a file (encoding, separator) before it creates the job, so the rows sent
/// before the stall must be more than that; the constructor refuses fewer.
/// </remarks>
public sealed class StalledUpload : HttpContent
{
    private const int MinimumHeadBytes = 64 * 1024;

    private readonly byte[] _head;
    private readonly byte[] _tail;
    private readonly TaskCompletionSource _headSent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="csv">The whole file.</param>
    /// <param name="rowsBeforeStall">Data rows sent (after the header line) before the upload stalls.</param>
    /// <param name="fileName">The file part's name, to find the job in GET /jobs.</param>
    public StalledUpload(string csv, int rowsBeforeStall, string fileName)
    {
        var boundary = $"stalled-{Guid.NewGuid():N}";
        Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
        var split = IndexAfterLine(csv, rowsBeforeStall + 1);
        _head = Encoding.UTF8.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: text/csv\r\n\r\n{csv[..split]}");
        if (split < MinimumHeadBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(rowsBeforeStall), rowsBeforeStall,
                $"The rows before the stall are {split} bytes; the server creates no job before it has read {MinimumHeadBytes} bytes of the file.");
        }

        _tail = Encoding.UTF8.GetBytes($"{csv[split..]}\r\n--{boundary}--\r\n");
    }

    /// <summary>Completes once the rows before the stall are written to the request.</summary>
    public Task HeadSent => _headSent.Task;

    /// <summary>Sends the rest of the file and ends the request.</summary>
    public void Release() => _released.TrySetResult();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_head, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        _headSent.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken);
        await stream.WriteAsync(_tail, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        // Unknown up front, as with a client streaming a file it is still reading: the request is chunked.
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        // A test that ends without releasing must not leave the request hanging for ever.
        _released.TrySetCanceled();
        base.Dispose(disposing);
    }

    private static int IndexAfterLine(string text, int lines)
    {
        var index = 0;
        for (var line = 0; line < lines; line++)
        {
            index = text.IndexOf('\n', index) + 1;
            if (index == 0)
            {
                throw new ArgumentOutOfRangeException(nameof(lines), lines, "The file has fewer lines than the rows to send before the stall.");
            }
        }

        return index;
    }
}
