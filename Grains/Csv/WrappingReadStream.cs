namespace PersonalizedLine.Grains.Csv;

/// <summary>A read-only stream that passes another one through and owns it: disposing the wrapper disposes what it wraps.</summary>
internal abstract class WrappingReadStream(Stream inner) : ReadOnlyStreamBase
{
    protected Stream Inner { get; } = inner;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await Inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
