using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Storage;
using PersonalizedLine.Grains.Interfaces.Research;
using PersonalizedLine.Grains.Limits;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.Research;

/// <summary>
/// A shard of the research cache (see <see cref="IResearchCacheShardGrain"/>); <see cref="ResearchCacheKey"/> says which
/// shard holds a query. The life of each entry, for each search:
/// <list type="number">
/// <item><b>Stored</b> — a fresh result (fetched less than <c>Research__CacheTtl</c> ago) is in storage: every
/// lookup gets it, no search is made.</item>
/// <item><b>Searching</b> — no fresh result (or the caller refreshes): the first lookup starts the one search in the
/// background of the activation, not inside a grain call; every lookup meanwhile joins it and waits at most its
/// <c>maxWait</c>, answering Pending when the search is not done (the caller asks again).</item>
/// <item>The search succeeded — every waiter gets the result at once, and it is written to storage meanwhile: back to
/// Stored. Until the write is done the entry stays in memory, so a lookup in between is answered from there. Rows do
/// not wait for the write: when thousands of searches come back together, waiting for a database write each put a
/// queue between the search and the LLM call of every row. It failed — every waiter gets the error, nothing is
/// stored, and the next lookup searches again.</item>
/// </list>
/// If this silo dies mid-search or mid-write, storage lacks the result: the next lookup, on the shard's new
/// activation, searches again (at-least-once); a shard that deactivates finishes its writes first. Once its result is
/// stored and handed out (no search running, none left to charge), an entry leaves the shard's memory: it is then only
/// a copy of storage, and keeping one per distinct company made memory grow with the file. The next lookup reads
/// storage again.
/// </summary>
/// <remarks>
/// Each entry is stored as the state "research" of its own grain id (<see cref="EntryType"/>/key) in the research
/// storage, read and written here through the storage provider. Reentrant: lookups wait on running searches while
/// others arrive. Everything runs on the grain scheduler, so state changes only between awaits and the flow above
/// holds at every await.
/// </remarks>
[Reentrant]
public sealed partial class ResearchCacheShardGrain(
    [FromKeyedServices(StorageNames.Research)] IGrainStorage storage,
    [FromKeyedServices(ResearchCacheServices.UncachedProviderKey)] IResearchProvider provider,
    IOptions<ResearchOptions> options,
    TimeProvider clock,
    ILogger<ResearchCacheShardGrain> logger) : Grain, IResearchCacheShardGrain
{
    /// <summary>The longest a lookup waits on a running search, whatever the caller asks.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    /// <summary>Entries are stored under the grain type each had when every query was a grain of its own.</summary>
    private static readonly GrainType EntryType = GrainType.Create("researchcache");

    private const string StateName = "research";

    /// <summary>A search whose starter never came back for its answer is forgotten (not charged) after this.</summary>
    private static readonly TimeSpan UnclaimedKept = TimeSpan.FromMinutes(3);

    private readonly Dictionary<string, ResearchEntry> _entries = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _deactivating = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(_ => DropUnclaimed(), new GrainTimerCreationOptions(UnclaimedKept, UnclaimedKept) { Interleave = true });
        return Task.CompletedTask;
    }

    public async Task<ResearchLookup> Lookup(string key, string query, DateTimeOffset? refreshedSince, TimeSpan maxWait, Guid caller)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var entry = await EntryAsync(key);
        entry.LastAsked = clock.GetUtcNow();
        if (StoredResultUsable(entry.Stored.State, refreshedSince))
        {
            var (paid, rateLimited) = entry.TakeUnpaidSearch(caller);
            LeaveMemoryWhenSettled(entry);
            return Found(entry.Stored.State.Summary, fromCache: !paid, searchedForCaller: paid, rateLimited);
        }

        // Single flight: a running search is joined, refreshing or not (it is newer than anything stored).
        var search = entry.Search ?? StartSearch(entry, query.Trim(), caller);
        ResearchSearchOutcome outcome;
        try
        {
            outcome = await search.Task.WaitAsync(Clamp(maxWait));
        }
        catch (TimeoutException)
        {
            // A search queued for a rate-limit permit says so: its waiting rows stop their budget clocks meanwhile.
            return new ResearchLookup(
                ResearchLookupStatus.Pending, string.Empty, FromCache: false, SearchedForCaller: false, Error: null, entry.PermitWaits.Waiting);
        }

        if (outcome.Error is { } error)
        {
            LeaveMemoryWhenSettled(entry);
            return new ResearchLookup(
                ResearchLookupStatus.Failed, string.Empty, FromCache: false, SearchedForCaller: false, error, AccountProblem: outcome.AccountProblem);
        }

        var (payer, limited) = entry.TakeUnpaidSearch(caller);
        LeaveMemoryWhenSettled(entry);
        return Found(outcome.Summary, fromCache: false, searchedForCaller: payer, limited);
    }

    public async Task<bool> IsCached(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (_entries.TryGetValue(key, out var entry))
        {
            await entry.Loading!;
            return StoredResultUsable(entry.Stored.State, refreshedSince: null);
        }

        // Asked for an estimate: read, not kept.
        var stored = new ResearchEntryState();
        await ReadAsync(key, stored);
        return StoredResultUsable(stored.State, refreshedSince: null);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Searches still running are abandoned: nothing was stored, so the next activation searches again. Results
        // being written are waited for (as long as the deactivation may take), or the next activation would pay again.
        _deactivating.Cancel();
        var writes = _entries.Values.Where(entry => entry.PendingWrites > 0).Select(entry => entry.Storing!).ToList();
        try
        {
            await Task.WhenAll(writes).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Out of time: those results are searched again when next asked.
        }
    }

    /// <summary>The entry in memory, or read from storage into memory; a lookup arriving during the read waits for the same read.</summary>
    private async Task<ResearchEntry> EntryAsync(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            entry = new ResearchEntry(key);
            _entries[key] = entry;
            entry.Loading = ReadAsync(key, entry.Stored);
        }

        try
        {
            await entry.Loading!;
        }
        catch (ResearchCacheUnavailableException)
        {
            // The next lookup reads again.
            Forget(entry);
            throw;
        }

        return entry;
    }

    /// <summary>
    /// Reads an entry's stored state. A storage failure (the database is down, say) is logged here and answered as
    /// <see cref="ResearchCacheUnavailableException"/>, which a row backs off from and asks again within its budget.
    /// </summary>
    private async Task ReadAsync(string key, ResearchEntryState into)
    {
        try
        {
            await storage.ReadStateAsync(StateName, EntryId(key), into);
        }
        catch (Exception ex)
        {
            LogReadFailed(logger, ex, key);
            throw new ResearchCacheUnavailableException($"The research cache could not read its storage ({ex.GetType().Name}); ask again.");
        }
    }

    private bool StoredResultUsable(ResearchCacheState stored, DateTimeOffset? refreshedSince) =>
        stored.FetchedAt is { } fetchedAt
        && fetchedAt + options.Value.CacheTtl > clock.GetUtcNow()
        && (refreshedSince is null || fetchedAt >= refreshedSince);

    private TaskCompletionSource<ResearchSearchOutcome> StartSearch(ResearchEntry entry, string query, Guid caller)
    {
        entry.SearchStarter = caller;
        var search = new TaskCompletionSource<ResearchSearchOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        entry.Search = search;

        // Started from grain code, not Task.Run: the search's continuations (and its state write) run on this
        // grain's scheduler, interleaved with lookups, never in parallel with them.
        _ = SearchAsync(entry, query, search);
        return search;
    }

    private async Task SearchAsync(ResearchEntry entry, string query, TaskCompletionSource<ResearchSearchOutcome> search)
    {
        ResearchSearchOutcome outcome;
        try
        {
            ResearchFindings findings;
            using (PermitWaitScope.Enter(entry.PermitWaits))
            {
                findings = await provider.ResearchAsync(query, _deactivating.Token);
            }

            // Owed by its starter from now on: the starter may ask again (its earlier lookup answered Pending) and then
            // finds the result usable; it must pay then, not be answered "cached".
            entry.UnpaidSearch = true;
            entry.UnpaidRateLimited = findings.RateLimitedAnswers;
            var stored = entry.Stored.State;
            stored.Query = query;
            stored.Summary = findings.Summary;
            stored.FetchedAt = clock.GetUtcNow();
            entry.Storing = StoreAsync(entry, entry.Storing);
            outcome = new ResearchSearchOutcome(findings.Summary, Error: null);
        }
        catch (ProviderAccountException ex)
        {
            // Not stored: the next lookup after the key is fixed searches again.
            outcome = new ResearchSearchOutcome(string.Empty, ex.Message, ex.Problem);
        }
        catch (ProviderCallException ex)
        {
            outcome = new ResearchSearchOutcome(string.Empty, ex.Message);
        }
        catch (OperationCanceledException) when (_deactivating.IsCancellationRequested)
        {
            outcome = new ResearchSearchOutcome(string.Empty, "The research was interrupted because its silo is stopping; the row will be retried.");
        }
        catch (Exception ex)
        {
            LogSearchFailed(logger, ex, entry.Key);
            outcome = new ResearchSearchOutcome(string.Empty, $"Unexpected error while researching the company: {ex.Message}");
        }

        if (ReferenceEquals(entry.Search, search))
        {
            entry.Search = null;
        }

        search.SetResult(outcome);
    }

    /// <summary>
    /// Writes the entry's result as it is in memory, after the entry's previous write (whose version it needs). Never
    /// throws. Runs on the grain scheduler, interleaved with lookups; the entry leaves memory once it is settled.
    /// </summary>
    private async Task StoreAsync(ResearchEntry entry, Task? previous)
    {
        // Counted before the first await, so the entry is unsettled from the moment the write is asked for.
        entry.PendingWrites++;
        if (previous is not null)
        {
            await previous;
        }

        try
        {
            await storage.WriteStateAsync(StateName, EntryId(entry.Key), entry.Stored);
            entry.Unstored = false;
        }
        catch (Exception ex)
        {
            entry.Unstored = true;
            // The search was paid for: its waiters got it, and this entry keeps it in memory. Storage misses it (or
            // holds a version another writer made), so the entry reads storage again once it leaves memory.
            LogStoreFailed(logger, ex, entry.Key);
        }
        finally
        {
            entry.PendingWrites--;
        }

        LeaveMemoryWhenSettled(entry);
    }

    /// <summary>
    /// The entry leaves memory once it holds nothing storage lacks: no search running (its waiters would lose it), no
    /// search left for a caller to pay for, no result that failed to store. The next lookup reads storage again.
    /// </summary>
    private void LeaveMemoryWhenSettled(ResearchEntry entry)
    {
        if (entry.IsSettled)
        {
            Forget(entry);
        }
    }

    private void Forget(ResearchEntry entry)
    {
        if (_entries.TryGetValue(entry.Key, out var current) && ReferenceEquals(current, entry))
        {
            _entries.Remove(entry.Key);
        }
    }

    /// <summary>
    /// Entries kept only for a caller that never came back (its row failed or moved on) or for a result storage refused
    /// are dropped once nobody asked for a while; the next lookup reads storage again, as a new activation did when
    /// every query was its own grain.
    /// </summary>
    private Task DropUnclaimed()
    {
        var idleSince = clock.GetUtcNow() - UnclaimedKept;
        foreach (var entry in _entries.Values.Where(entry => entry.Search is null && entry.PendingWrites == 0 && entry.Loading is { IsCompleted: true } && entry.LastAsked < idleSince).ToList())
        {
            Forget(entry);
        }

        return Task.CompletedTask;
    }

    private static GrainId EntryId(string key) => GrainId.Create(EntryType, key);

    private static TimeSpan Clamp(TimeSpan maxWait) =>
        maxWait < TimeSpan.Zero ? TimeSpan.Zero : maxWait > MaxWait ? MaxWait : maxWait;

    private static ResearchLookup Found(string summary, bool fromCache, bool searchedForCaller, int rateLimited) =>
        new(ResearchLookupStatus.Found, summary, fromCache, searchedForCaller, Error: null, RateLimitedAnswers: rateLimited);

    [LoggerMessage(Level = LogLevel.Error, Message = "Research for cache entry {Key} failed unexpectedly")]
    private static partial void LogSearchFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Research cache entry {Key} could not be read from storage; its lookup will be asked again")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Research for cache entry {Key} could not be stored; it is served from memory for now")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string key);
}
