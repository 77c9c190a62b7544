using PersonalizedLine.Grains.Limits;

namespace PersonalizedLine.Grains.Research;

/// <summary>
/// One research cache entry in its shard's memory while it has something storage lacks or someone waits on it: the
/// stored result as read, the search under way, and who pays for the last search.
/// </summary>
internal sealed class ResearchEntry(string key)
{
    public string Key { get; } = key;

    public ResearchEntryState Stored { get; } = new();

    /// <summary>The read of the stored result; every lookup of the entry waits for it first.</summary>
    public Task? Loading { get; set; }

    /// <summary>The one search under way, joined by every lookup meanwhile.</summary>
    public TaskCompletionSource<ResearchSearchOutcome>? Search { get; set; }

    /// <summary>Whether the search under way waits for a rate-limit permit (its waiting rows stop their budget clocks).</summary>
    public PermitWaitCounter PermitWaits { get; } = new();

    /// <summary>
    /// A search finished and the caller that started it has not been charged for it yet. Only that caller pays, on the
    /// first answer it receives; every other one counts as a cached search: one search, paid at most once, and never by
    /// a caller of another job.
    /// </summary>
    public bool UnpaidSearch { get; set; }

    public Guid SearchStarter { get; set; }

    public int UnpaidRateLimited { get; set; }

    /// <summary>The last search's result could not be stored: only this entry has it.</summary>
    public bool Unstored { get; set; }

    /// <summary>The last write of a search's result, under way in the background: the next write of the entry waits for it (its version).</summary>
    public Task? Storing { get; set; }

    /// <summary>Writes started and not finished: until they are, only this entry has the result for sure.</summary>
    public int PendingWrites { get; set; }

    /// <summary>When a lookup last asked for it: an unpaid search nobody comes back for is dropped after a while.</summary>
    public DateTimeOffset LastAsked { get; set; }

    /// <summary>Nothing here that storage lacks (or is still writing), and no search to wait on: the entry can leave memory.</summary>
    public bool IsSettled => Search is null && !UnpaidSearch && !Unstored && PendingWrites == 0;

    /// <summary>Charges the finished search to <paramref name="caller"/> if it started it and has not paid yet.</summary>
    public (bool Paid, int RateLimited) TakeUnpaidSearch(Guid caller)
    {
        if (!UnpaidSearch || caller != SearchStarter)
        {
            return (false, 0);
        }

        var rateLimited = UnpaidRateLimited;
        UnpaidSearch = false;
        UnpaidRateLimited = 0;
        return (true, rateLimited);
    }
}
