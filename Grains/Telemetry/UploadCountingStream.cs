using PersonalizedLine.Grains.Csv;

namespace PersonalizedLine.Grains.Telemetry;

/// <summary>Passes an upload through, adding every byte read to <see cref="TransferMetrics"/>.</summary>
internal sealed class UploadCountingStream(Stream inner) : ReadOnlyStreamBase
{
    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        TransferMetrics.AddUploaded(read);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        TransferMetrics.AddUploaded(read);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
