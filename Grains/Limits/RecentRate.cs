namespace PersonalizedLine.Grains.Limits;

/// <summary>Requests per second over the last few seconds, in one-second buckets; thread-safe and allocation-free.</summary>
internal sealed class RecentRate(TimeProvider time)
{
    public const int Seconds = 5;
    private readonly long[] _counts = new long[Seconds];
    private readonly long[] _stamps = new long[Seconds];

    public void Add()
    {
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        var slot = (int)(second % Seconds);
        if (Interlocked.Exchange(ref _stamps[slot], second) != second)
        {
            Interlocked.Exchange(ref _counts[slot], 0);
        }

        Interlocked.Increment(ref _counts[slot]);
    }

    public double PerSecond
    {
        get
        {
            var now = time.GetUtcNow().ToUnixTimeSeconds();
            long total = 0;
            for (var i = 0; i < Seconds; i++)
            {
                if (now - Volatile.Read(ref _stamps[i]) < Seconds)
                {
                    total += Volatile.Read(ref _counts[i]);
                }
            }

            return total / (double)Seconds;
        }
    }
}
