namespace PersonalizedLine.ProviderEmulator;

/// <summary>
/// Every request an endpoint admitted, in arrival order, so a test can measure afterwards how close to a limit the
/// product ran. Bounded: past <see cref="EmulatorOptions.AdmittedLogLimit"/> entries the oldest quarter is dropped
/// (16 bytes an entry, so the default million is 16 MB). Not thread-safe: the <see cref="QuotaLedger"/> holds its
/// lock while using it.
/// </summary>
internal sealed class AdmissionLog(int limit)
{
    private readonly List<AdmittedRequest> _entries = [];

    public void Add(AdmittedRequest entry)
    {
        if (limit <= 0)
        {
            return;
        }

        _entries.Add(entry);
        if (_entries.Count > limit)
        {
            _entries.RemoveRange(0, Math.Min(_entries.Count, _entries.Count - limit + (limit / 4)));
        }
    }

    public void Clear() => _entries.Clear();

    public AdmittedRequest[] ToArray() => [.. _entries];

    /// <summary>
    /// The most requests, and separately the most tokens, admitted in any span of length <paramref name="window"/>
    /// (half-open, as the quota counts: an entry leaves the window exactly <paramref name="window"/> after it came).
    /// </summary>
    public AdmittedTotals MaxInAnyWindow(TimeSpan window)
    {
        long maxRequests = 0, maxTokens = 0, tokens = 0;
        var first = 0;
        for (var last = 0; last < _entries.Count; last++)
        {
            tokens += _entries[last].Tokens;
            while (_entries[last].SinceStart - _entries[first].SinceStart >= window)
            {
                tokens -= _entries[first].Tokens;
                first++;
            }

            maxRequests = Math.Max(maxRequests, last - first + 1);
            maxTokens = Math.Max(maxTokens, tokens);
        }

        return new AdmittedTotals(maxRequests, maxTokens);
    }

    /// <summary>What was admitted at or after <paramref name="from"/> and before <paramref name="to"/>.</summary>
    public AdmittedTotals Between(TimeSpan from, TimeSpan to)
    {
        long requests = 0, tokens = 0;
        foreach (var entry in _entries)
        {
            if (entry.SinceStart >= from && entry.SinceStart < to)
            {
                requests++;
                tokens += entry.Tokens;
            }
        }

        return new AdmittedTotals(requests, tokens);
    }
}
