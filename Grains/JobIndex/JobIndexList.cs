using PersonalizedLine.Grains.Interfaces.JobIndex;

namespace PersonalizedLine.Grains.JobIndex;

/// <summary>
/// The ordering rules of a job list, over the stored entries (kept sorted oldest first, by creation time then id)
/// plus an in-memory lookup by id. Adding or removing costs a binary search and a shift of the list; a page is a
/// slice from the end. Nothing here touches storage.
/// </summary>
public sealed class JobIndexList
{
    private static readonly IComparer<JobIndexEntry> Order = Comparer<JobIndexEntry>.Create((a, b) =>
    {
        var byTime = a.CreatedAt.CompareTo(b.CreatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.JobId, b.JobId);
    });

    private readonly List<JobIndexEntry> _entries;
    private readonly Dictionary<string, JobIndexEntry> _byId;

    /// <summary>Takes the stored entries (sorting them should they not be) and indexes them by id.</summary>
    public JobIndexList(List<JobIndexEntry> entries)
    {
        _entries = entries;
        _entries.Sort(Order);
        _byId = new Dictionary<string, JobIndexEntry>(_entries.Count, StringComparer.Ordinal);
        foreach (var entry in _entries)
        {
            _byId[entry.JobId] = entry;
        }
    }

    public int Count => _entries.Count;

    /// <summary>The entries, oldest first.</summary>
    public IReadOnlyList<JobIndexEntry> Entries => _entries;

    /// <summary>The job's entry, or null when it is not listed.</summary>
    public JobIndexEntry? Find(string jobId) => _byId.GetValueOrDefault(jobId);

    /// <summary>Adds the entry in order; false (and no change) when the job is already listed.</summary>
    public bool Add(JobIndexEntry entry)
    {
        if (!_byId.TryAdd(entry.JobId, entry))
        {
            return false;
        }

        var at = _entries.BinarySearch(entry, Order);
        _entries.Insert(at < 0 ? ~at : at, entry);
        return true;
    }

    /// <summary>Removes the job's entry; false when it is not listed.</summary>
    public bool Remove(string jobId)
    {
        if (!_byId.Remove(jobId, out var entry))
        {
            return false;
        }

        _entries.RemoveAt(_entries.BinarySearch(entry, Order));
        return true;
    }

    /// <summary>Newest first: skips <paramref name="offset"/> entries from the newest end, then takes up to <paramref name="limit"/>.</summary>
    public JobIndexPage Page(int offset, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var newest = _entries.Count - 1 - offset;
        var count = Math.Max(0, Math.Min(limit, newest + 1));
        var page = new JobIndexEntry[count];
        for (var i = 0; i < count; i++)
        {
            page[i] = _entries[newest - i];
        }

        return new JobIndexPage(page, _entries.Count);
    }
}
