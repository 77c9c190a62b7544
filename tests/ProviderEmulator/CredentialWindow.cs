namespace PersonalizedLine.ProviderEmulator;

/// <summary>
/// One credential's quota state: the sliding-window log of what it had admitted (only entries still inside the
/// window are kept) and a daily request bucket that refills evenly over the day. Not thread-safe: the
/// <see cref="QuotaLedger"/> holds its lock while using it.
/// </summary>
internal sealed class CredentialWindow
{
    private static readonly double DayTicks = TimeSpan.FromDays(1).Ticks;
    private readonly Queue<AdmittedRequest> _entries = new();
    private double _dayUsed;
    private long _dayCheckedAt;

    /// <summary>Requests in the window.</summary>
    public int Count => _entries.Count;

    /// <summary>Tokens in the window.</summary>
    public long Tokens { get; private set; }

    /// <summary>Forgets entries that arrived at or before <paramref name="ticks"/> (they have left the window).</summary>
    public void Expire(long ticks)
    {
        while (_entries.TryPeek(out var oldest) && oldest.SinceStart.Ticks <= ticks)
        {
            _entries.Dequeue();
            Tokens -= oldest.Tokens;
        }
    }

    public void Add(AdmittedRequest entry)
    {
        _entries.Enqueue(entry);
        Tokens += entry.Tokens;
        _dayUsed += 1;
    }

    /// <summary>Time until enough requests have left the window for one more to fit under <paramref name="limit"/>.</summary>
    public TimeSpan WaitForRequests(int limit, long now, long window)
    {
        if (limit == 0)
        {
            return TimeSpan.FromTicks(window);
        }

        var mustLeave = _entries.ElementAt(Math.Max(0, _entries.Count - limit));
        return TimeSpan.FromTicks(mustLeave.SinceStart.Ticks + window - now);
    }

    /// <summary>Time until at least <paramref name="tokens"/> tokens have left the window.</summary>
    public TimeSpan WaitForTokens(long tokens, long now, long window)
    {
        long freed = 0;
        foreach (var entry in _entries)
        {
            freed += entry.Tokens;
            if (freed >= tokens)
            {
                return TimeSpan.FromTicks(entry.SinceStart.Ticks + window - now);
            }
        }

        return TimeSpan.FromTicks(window);
    }

    /// <summary>Lets the daily bucket refill for the time since it was last looked at.</summary>
    public void RefillDay(long now, int requestsPerDay)
    {
        _dayUsed = Math.Max(0, _dayUsed - ((now - _dayCheckedAt) * requestsPerDay / DayTicks));
        _dayCheckedAt = now;
    }

    public long RemainingToday(int requestsPerDay) => Math.Max(0, (long)Math.Floor(requestsPerDay - _dayUsed));

    /// <summary>Time until <see cref="RemainingToday"/> goes up by one (zero when nothing is used).</summary>
    public TimeSpan DaySlotReset(int requestsPerDay) =>
        _dayUsed <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)((_dayUsed - Math.Ceiling(_dayUsed) + 1) * DayTicks / requestsPerDay));
}
