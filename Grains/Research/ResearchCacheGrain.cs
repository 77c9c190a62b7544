using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using PersonalizedLine.Grains.Interfaces.Providers;
using PersonalizedLine.Grains.Interfaces.Research;
using PersonalizedLine.Grains.Limits;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.Research;

/// <summary>
/// The research of one normalized query (the key is <see cref="ResearchCacheKey"/>), shared by the whole cluster.
/// Its life, for each search:
/// <list type="number">
/// <item><b>Stored</b> — a fresh result (fetched less than <c>Research__CacheTtl</c> ago) is in storage: every
/// lookup gets it, no search is made.</item>
/// <item><b>Searching</b> — no fresh result (or the caller refreshes): the first lookup starts the one search in the
/// background of the activation, not inside a grain call; every lookup meanwhile joins it and waits at most its
/// <c>maxWait</c>, answering Pending when the search is not done (the caller asks again).</item>
/// <item>The search succeeded — the result is written to storage <i>before</i> any waiter gets it: back to Stored.
/// It failed — every waiter gets the error, nothing is stored, and the next lookup searches again.</item>
/// </list>
/// If this silo dies mid-search, nothing was stored: the next lookup, on a new activation, searches again
/// (at-least-once). Once its result is stored and handed out (no search running, none left to charge), an entry
/// leaves memory as soon as it is idle: the activation is then only a copy of storage, and keeping one per distinct
/// company for minutes made memory grow with the file. Other idle entries leave after a few minutes.
/// </summary>
/// <remarks>
/// Reentrant: lookups wait on the running search while others arrive. Everything runs on the grain scheduler, so
/// state changes only between awaits and the flow above holds at every await.
/// </remarks>
[Reentrant]
[CollectionAgeLimit(Minutes = 3)]
public sealed partial class ResearchCacheGrain(
    [PersistentState("research", StorageNames.Research)] IPersistentState<ResearchCacheState> state,
    [FromKeyedServices(ResearchCacheServices.UncachedProviderKey)] IResearchProvider provider,
    IOptions<ResearchOptions> options,
    TimeProvider clock,
    ILogger<ResearchCacheGrain> logger) : Grain, IResearchCacheGrain
{
    /// <summary>The longest a lookup waits on a running search, whatever the caller asks.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _deactivating = new();
    private TaskCompletionSource<SearchOutcome>? _search;
    private readonly PermitWaitCounter _permitWaits = new();

    /// <summary>
    /// A search finished and the caller that started it (<see cref="_searchStarter"/>) has not been charged for it
    /// yet. Only that caller pays, on the first answer it receives; every other one counts as a cached search: one
    /// search, paid at most once, and never by a caller of another job.
    /// </summary>
    private bool _unpaidSearch;
    private Guid _searchStarter;
    private int _unpaidRateLimited;

    /// <summary>The last search's result could not be stored: only this activation has it.</summary>
    private bool _unstored;

    public async Task<ResearchLookup> Lookup(string query, DateTimeOffset? refreshedSince, TimeSpan maxWait, Guid caller)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        if (StoredResultUsable(refreshedSince))
        {
            var (paid, rateLimited) = TakeUnpaidSearch(caller);
            LeaveMemoryWhenSettled();
            return Found(state.State.Summary, fromCache: !paid, searchedForCaller: paid, rateLimited);
        }

        // Single flight: a running search is joined, refreshing or not (it is newer than anything stored).
        var search = _search ?? StartSearch(query.Trim(), caller);
        SearchOutcome outcome;
        try
        {
            outcome = await search.Task.WaitAsync(Clamp(maxWait));
        }
        catch (TimeoutException)
        {
            // A search queued for a rate-limit permit says so: its waiting rows stop their budget clocks meanwhile.
            return new ResearchLookup(
                ResearchLookupStatus.Pending, string.Empty, FromCache: false, SearchedForCaller: false, Error: null, _permitWaits.Waiting);
        }

        if (outcome.Error is { } error)
        {
            return new ResearchLookup(
                ResearchLookupStatus.Failed, string.Empty, FromCache: false, SearchedForCaller: false, error, AccountProblem: outcome.AccountProblem);
        }

        var (payer, limited) = TakeUnpaidSearch(caller);
        LeaveMemoryWhenSettled();
        return Found(outcome.Summary, fromCache: false, searchedForCaller: payer, limited);
    }

    public Task<bool> IsCached() => Task.FromResult(StoredResultUsable(refreshedSince: null));

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A search still running is abandoned: nothing was stored, so the next activation searches again.
        _deactivating.Cancel();
        return Task.CompletedTask;
    }

    private bool StoredResultUsable(DateTimeOffset? refreshedSince) =>
        state.State.FetchedAt is { } fetchedAt
        && fetchedAt + options.Value.CacheTtl > clock.GetUtcNow()
        && (refreshedSince is null || fetchedAt >= refreshedSince);

    private TaskCompletionSource<SearchOutcome> StartSearch(string query, Guid caller)
    {
        _searchStarter = caller;
        var search = new TaskCompletionSource<SearchOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _search = search;

        // Started from grain code, not Task.Run: the search's continuations (and its state write) run on this
        // grain's scheduler, interleaved with lookups, never in parallel with them.
        _ = SearchAsync(query, search);
        return search;
    }

    private async Task SearchAsync(string query, TaskCompletionSource<SearchOutcome> search)
    {
        SearchOutcome outcome;
        try
        {
            ResearchFindings findings;
            using (PermitWaitScope.Enter(_permitWaits))
            {
                findings = await provider.ResearchAsync(query, _deactivating.Token);
            }

            await StoreAsync(query, findings.Summary);
            _unpaidSearch = true;
            _unpaidRateLimited = findings.RateLimitedAnswers;
            outcome = new SearchOutcome(findings.Summary, Error: null);
        }
        catch (ProviderAccountException ex)
        {
            // Not stored: the next lookup after the key is fixed searches again.
            outcome = new SearchOutcome(string.Empty, ex.Message, ex.Problem);
        }
        catch (ProviderCallException ex)
        {
            outcome = new SearchOutcome(string.Empty, ex.Message);
        }
        catch (OperationCanceledException) when (_deactivating.IsCancellationRequested)
        {
            outcome = new SearchOutcome(string.Empty, "The research was interrupted because its silo is stopping; the row will be retried.");
        }
        catch (Exception ex)
        {
            LogSearchFailed(logger, ex, this.GetPrimaryKeyString());
            outcome = new SearchOutcome(string.Empty, $"Unexpected error while researching the company: {ex.Message}");
        }

        if (ReferenceEquals(_search, search))
        {
            _search = null;
        }

        search.SetResult(outcome);
    }

    private async Task StoreAsync(string query, string summary)
    {
        state.State.Query = query;
        state.State.Summary = summary;
        state.State.FetchedAt = clock.GetUtcNow();
        try
        {
            await state.WriteStateAsync();
            _unstored = false;
        }
        catch (Exception ex)
        {
            _unstored = true;
            // The search was paid for: its waiters still get it, and this activation keeps it in memory. Storage
            // misses it, so a later activation searches again; nothing is lost but a search.
            LogStoreFailed(logger, ex, this.GetPrimaryKeyString());
        }
    }

    /// <summary>
    /// Deactivates when idle once memory holds nothing storage lacks: no search running (its waiters would lose it), no
    /// search left for a caller to pay for, no result that failed to store. The next lookup reads storage again.
    /// </summary>
    private void LeaveMemoryWhenSettled()
    {
        if (_search is null && !_unpaidSearch && !_unstored)
        {
            DeactivateOnIdle();
        }
    }

    private (bool Paid, int RateLimited) TakeUnpaidSearch(Guid caller)
    {
        if (!_unpaidSearch || caller != _searchStarter)
        {
            return (false, 0);
        }

        var unpaid = (_unpaidSearch, _unpaidSearch ? _unpaidRateLimited : 0);
        _unpaidSearch = false;
        _unpaidRateLimited = 0;
        return unpaid;
    }

    private static TimeSpan Clamp(TimeSpan maxWait) =>
        maxWait < TimeSpan.Zero ? TimeSpan.Zero : maxWait > MaxWait ? MaxWait : maxWait;

    private static ResearchLookup Found(string summary, bool fromCache, bool searchedForCaller, int rateLimited) =>
        new(ResearchLookupStatus.Found, summary, fromCache, searchedForCaller, Error: null, RateLimitedAnswers: rateLimited);

    private sealed record SearchOutcome(string Summary, string? Error, AccountProblem? AccountProblem = null);

    [LoggerMessage(Level = LogLevel.Error, Message = "Research for cache entry {Key} failed unexpectedly")]
    private static partial void LogSearchFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Research for cache entry {Key} could not be stored; it is served from memory until this activation ends")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string key);
}
