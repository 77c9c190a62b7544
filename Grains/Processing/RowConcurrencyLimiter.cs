using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Telemetry;

namespace PersonalizedLine.Grains.Processing;

/// <summary>
/// The one per-silo bound on rows talking to providers (<see cref="ProcessingOptions.MaxConcurrentRowsPerSilo"/>).
/// A singleton: every row run in this silo waits here before its first provider call.
/// </summary>
public sealed class RowConcurrencyLimiter : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private int _inFlight;
    private int _waiting;
    private int _peakInFlight;
    private long _started;

    /// <param name="options">The slot count.</param>
    /// <param name="silo">This silo, whose name the rows-in-flight and rows-waiting gauges report under.</param>
    public RowConcurrencyLimiter(IOptions<ProcessingOptions> options, ILocalSiloDetails? silo = null)
    {
        var capacity = options.Value.MaxConcurrentRowsPerSilo;
        _slots = new SemaphoreSlim(capacity, capacity);
        SiloRowGauges.Register(this, silo?.Name ?? string.Empty);
    }

    /// <summary>Rows holding a slot right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Rows waiting for a slot right now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Rows that got a slot in this silo since it started.</summary>
    public long RowsStarted => Interlocked.Read(ref _started);

    /// <summary>The most rows in flight at once since the previous call; resets the peak, like a metrics gauge read.</summary>
    public int TakePeakInFlight() => Interlocked.Exchange(ref _peakInFlight, InFlight);

    /// <summary>Waits for a slot; dispose the returned lease to give it back.</summary>
    public async Task<IDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        var inFlight = Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _started);
        int peak;
        while (inFlight > (peak = Volatile.Read(ref _peakInFlight))
               && Interlocked.CompareExchange(ref _peakInFlight, inFlight, peak) != peak)
        {
        }

        return new Lease(this);
    }

    public void Dispose()
    {
        SiloRowGauges.Unregister(this);
        _slots.Dispose();
    }

    private void Release()
    {
        Interlocked.Decrement(ref _inFlight);
        _slots.Release();
    }

    private sealed class Lease(RowConcurrencyLimiter owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release();
            }
        }
    }
}
