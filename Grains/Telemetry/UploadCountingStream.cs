using PersonalizedLine.Grains.Csv;

namespace PersonalizedLine.Grains.Telemetry;

/// <summary>Passes an upload through, adding every byte read to <see cref="TransferMetrics"/>.</summary>
internal sealed class UploadCountingStream(Stream inner) : WrappingReadStream(inner)
{
    public override int Read(Span<byte> buffer)
    {
        var read = Inner.Read(buffer);
        TransferMetrics.AddUploaded(read);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        TransferMetrics.AddUploaded(read);
        return read;
    }
}
