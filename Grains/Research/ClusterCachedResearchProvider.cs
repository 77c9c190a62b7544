using Microsoft.Extensions.Options;
using Orleans.Configuration;
using PersonalizedLine.Grains.Interfaces.Research;
using PersonalizedLine.Grains.Limits;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.Research;

/// <summary>
/// The research provider rows use in a silo: every query goes through its research cache shard
/// (<see cref="IResearchCacheShardGrain"/>), so each distinct query (see <see cref="ResearchCacheKey"/>) is searched
/// once for the whole cluster and then reused by every job until it expires. The search itself is made by the shard
/// with the undecorated provider.
/// </summary>
public sealed class ClusterCachedResearchProvider : IResearchProvider
{
    private const string SearchLimitName = "search (research cache)";
    private static readonly TimeSpan MinWait = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(4);
    private readonly IResearchProvider _inner;
    private readonly IGrainFactory _grains;
    private readonly ResearchOptions _options;
    private readonly TimeSpan _maxWait;

    public ClusterCachedResearchProvider(
        IResearchProvider inner, IGrainFactory grains, IOptions<ResearchOptions> options, IOptions<SiloMessagingOptions> messaging)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(messaging);
        _inner = inner;
        _grains = grains;
        _options = options.Value;

        // Each lookup waits on the search for a while, then asks again: well inside the response timeout.
        var third = messaging.Value.ResponseTimeout / 3;
        _maxWait = third < MinWait ? MinWait : third > ResearchCacheShardGrain.MaxWait ? ResearchCacheShardGrain.MaxWait : third;
    }

    public bool IsOffline => _inner.IsOffline;

    public Task<ResearchFindings> ResearchAsync(string query, CancellationToken cancellationToken) =>
        ResearchAsync(query, refreshedSince: null, cancellationToken);

    public async Task<ResearchFindings> ResearchAsync(string query, DateTimeOffset? refreshedSince, CancellationToken cancellationToken)
    {
        // Offline findings are made up locally, free and instant: a grain call per row would cost more than it saves.
        if (_inner.IsOffline)
        {
            return await _inner.ResearchAsync(query, cancellationToken).ConfigureAwait(false);
        }

        var key = ResearchCacheKey.For(query, _options);
        var shard = _grains.GetGrain<IResearchCacheShardGrain>(ResearchCacheKey.ShardOf(key));
        var listener = PermitWaitScope.Current;
        var waitingForPermit = false;
        var backoff = FirstBackoff;
        var caller = Guid.NewGuid();
        try
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                ResearchLookup lookup;
                try
                {
                    lookup = await shard.Lookup(key, query, refreshedSince, _maxWait, caller).WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OrleansException or TimeoutException && !cancellationToken.IsCancellationRequested)
                {
                    // The shard's silo died or is unreachable (the shard comes back on another silo once the cluster
                    // notices), or the shard could not read its storage (ResearchCacheUnavailableException): ask again
                    // rather than fail the row. The row's budget bounds the retries.
                    await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                    backoff = backoff * 2 < MaxBackoff ? backoff * 2 : MaxBackoff;
                    continue;
                }

                backoff = FirstBackoff;

                // The search this row waits on is queued for the search limit's permit: so is the row, as if it had
                // made the call itself, and its budget clock stops until the search is under way.
                if (lookup.WaitingForPermit != waitingForPermit)
                {
                    waitingForPermit = lookup.WaitingForPermit;
                    Notify(listener, waitingForPermit);
                }

                switch (lookup.Status)
                {
                    case ResearchLookupStatus.Found:
                        return lookup.SearchedForCaller
                            ? new ResearchFindings(lookup.Summary, SearchCalls: 1, RateLimitedAnswers: lookup.RateLimitedAnswers)
                            : new ResearchFindings(lookup.Summary, SearchCalls: 0, FromCache: true);
                    case ResearchLookupStatus.Failed when lookup.AccountProblem is { } problem:
                        throw new ProviderAccountException(problem);
                    case ResearchLookupStatus.Failed:
                        throw new ProviderCallException(lookup.Error ?? "The research failed.");
                    default:
                        // Pending: the search is still running (the grain already waited); ask again.
                        continue;
                }
            }
        }
        finally
        {
            if (waitingForPermit)
            {
                Notify(listener, waiting: false);
            }
        }
    }

    private static void Notify(IPermitWaitListener? listener, bool waiting)
    {
        if (waiting)
        {
            listener?.WaitStarted(SearchLimitName);
        }
        else
        {
            listener?.WaitEnded(SearchLimitName);
        }
    }
}
