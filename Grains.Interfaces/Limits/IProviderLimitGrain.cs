namespace PersonalizedLine.Grains.Interfaces.Limits;

/// <summary>
/// The cluster's one view of a provider limit (one per provider, endpoint, key and, for LLMs, model): request and
/// token buckets that silos lease small grants from, so the whole cluster stays under the limit without a grain call
/// per request. Tightened by the 429 answers silos report; when no limit is configured it learns one (AIMD).
/// Nothing is persisted: a fresh activation starts with empty buckets, which can only be slower, never faster.
/// </summary>
public interface IProviderLimitGrain : IGrainWithStringKey
{
    /// <summary>Asks for permits for rows waiting at one silo; answers at once, possibly with none.</summary>
    Task<PermitGrant> Lease(PermitLeaseRequest request);

    /// <summary>A silo got HTTP 429 from the provider: the whole cluster slows down for this key.</summary>
    Task ReportRateLimited(RateLimitSignal signal);

    /// <summary>What the limit looks like now, for progress: rate, waiting rows, pause.</summary>
    [AlwaysInterleave]
    Task<ProviderLimitStatus> GetStatus();
}
