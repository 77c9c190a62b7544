using System.Diagnostics;

namespace PersonalizedLine.ProviderEmulator;

/// <summary>Monotonic time since start, and the signal that ends hanging and delayed answers on shutdown.</summary>
internal sealed class EmulatorClock : IDisposable
{
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stopping = new();

    public TimeSpan Elapsed => _stopwatch.Elapsed;

    public CancellationToken Stopping => _stopping.Token;

    public void Stop() => _stopping.Cancel();

    public void Dispose() => _stopping.Dispose();
}
