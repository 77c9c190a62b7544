using System.Collections.Concurrent;
using PersonalizedLine.Grains.Estimates;

namespace PersonalizedLine.Tests.Estimates;

/// <summary>A research cache holding the given keys; records every key asked about and the most asked at once.</summary>
public sealed class FakeResearchCache(IEnumerable<string> cachedKeys) : IResearchCacheProbe
{
    private readonly HashSet<string> _cached = [.. cachedKeys];
    private int _inFlight;
    private int _maxInFlight;

    public ConcurrentBag<string> Asked { get; } = [];

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public Exception? Failure { get; init; }

    public async Task<bool> IsCachedAsync(string key)
    {
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            await Task.Yield();
            Asked.Add(key);
            return Failure is null ? _cached.Contains(key) : throw Failure;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
