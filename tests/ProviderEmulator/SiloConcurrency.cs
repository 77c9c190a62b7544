using System.Collections.Concurrent;

namespace PersonalizedLine.ProviderEmulator;

/// <summary>
/// Chat calls (<c>/v1/chat/completions</c>) in flight per calling silo, told apart by the <see cref="HeaderName"/>
/// request header the product's provider clients send. A row makes its LLM call from its own silo, one at a time, so
/// a silo's chat calls in flight never exceed its rows in flight: the per-silo row limit is seen from outside the
/// product. Searches are not counted: the research cache grain makes them on behalf of rows of any silo, from wherever
/// it lives. Calls without the header are not counted either.
/// </summary>
public sealed class SiloConcurrency
{
    /// <summary>The request header naming the calling silo (the product's <c>SiloHeaderHandler.HeaderName</c>).</summary>
    public const string HeaderName = "X-PersonalizedLine-Silo";

    private readonly ConcurrentDictionary<string, Counter> _silos = new(StringComparer.Ordinal);

    /// <summary>Calls in flight right now, per silo name.</summary>
    public IReadOnlyDictionary<string, long> InFlight => _silos.ToDictionary(pair => pair.Key, pair => pair.Value.Current);

    /// <summary>The most calls in flight at once, per silo name, since start or the last <see cref="Reset"/>.</summary>
    public IReadOnlyDictionary<string, long> MaxInFlight => _silos.ToDictionary(pair => pair.Key, pair => pair.Value.Peak);

    /// <summary>Lowers every known silo's peak to what it has in flight now (a silo idle since then shows 0).</summary>
    public void Reset()
    {
        foreach (var counter in _silos.Values)
        {
            counter.ResetPeak();
        }
    }

    /// <summary>Counts a call from <paramref name="silo"/> until the returned scope is disposed; null or blank counts nothing.</summary>
    internal IDisposable? Enter(string? silo)
    {
        if (string.IsNullOrWhiteSpace(silo))
        {
            return null;
        }

        var counter = _silos.GetOrAdd(silo, _ => new Counter());
        counter.Enter();
        return counter;
    }

    private sealed class Counter : IDisposable
    {
        private long _current;
        private long _peak;

        public long Current => Interlocked.Read(ref _current);

        public long Peak => Interlocked.Read(ref _peak);

        public void Enter()
        {
            var now = Interlocked.Increment(ref _current);
            for (var peak = Peak; now > peak; peak = Peak)
            {
                if (Interlocked.CompareExchange(ref _peak, now, peak) == peak)
                {
                    break;
                }
            }
        }

        public void ResetPeak() => Interlocked.Exchange(ref _peak, Current);

        public void Dispose() => Interlocked.Decrement(ref _current);
    }
}
