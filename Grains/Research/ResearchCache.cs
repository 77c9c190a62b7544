using System.Collections.Concurrent;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.Research;

/// <summary>
/// Per-silo research cache with single flight: leads at the same company share one search, and concurrent rows
/// asking the same query wait for the one call in progress instead of paying for their own. Keyed by the
/// normalized rendered query, so it is correct whatever the research template mentions.
/// </summary>
public sealed class ResearchCache(IResearchProvider provider)
{
    /// <summary>Bounds memory on huge files; past it the oldest half of the entries is dropped.</summary>
    public const int MaxEntries = 20_000;

    private readonly ConcurrentDictionary<string, Lazy<Task<ResearchFindings>>> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _insertionOrder = new();

    public async Task<ResearchFindings> GetAsync(string query, CancellationToken cancellationToken)
    {
        var key = Normalize(query);
        var mine = new Lazy<Task<ResearchFindings>>(() => FetchAsync(key, query));
        var entry = _entries.GetOrAdd(key, mine);
        var created = ReferenceEquals(entry, mine);
        if (created)
        {
            _insertionOrder.Enqueue(key);
            TrimIfFull();
        }

        var findings = await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);

        // Only the row that caused the search pays for it; everyone else got it for free.
        return created ? findings : findings with { SearchCalls = 0 };
    }

    private async Task<ResearchFindings> FetchAsync(string key, string query)
    {
        try
        {
            // Not tied to one caller's token: other rows may be waiting on this very call.
            return await provider.ResearchAsync(query, CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            // A failure is not cached: the next row asking gets a fresh try.
            _entries.TryRemove(key, out _);
            throw;
        }
    }

    private void TrimIfFull()
    {
        if (_entries.Count <= MaxEntries)
        {
            return;
        }

        while (_entries.Count > MaxEntries / 2 && _insertionOrder.TryDequeue(out var oldest))
        {
            _entries.TryRemove(oldest, out _);
        }
    }

    internal static string Normalize(string query) =>
        string.Join(' ', query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
