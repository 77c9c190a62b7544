namespace PersonalizedLine.Grains.Interfaces.Research;

/// <summary>
/// The research result of one normalized search query, shared by every row of every job on every silo: the
/// first caller starts the one search, the others wait for it, later callers get the stored result until it is
/// older than <c>Research__CacheTtl</c>. Failures are never kept. Keyed by the normalized query (see
/// <c>ResearchCacheKey</c> in Grains).
/// </summary>
public interface IResearchCacheGrain : IGrainWithStringKey
{
    /// <summary>
    /// The stored result if fresh (and <paramref name="refresh"/> is false); otherwise starts or joins the one search
    /// for this query and waits for it at most <paramref name="maxWait"/> (kept well under the response timeout:
    /// a caller whose answer is still pending simply asks again).
    /// </summary>
    Task<ResearchLookup> Lookup(string query, bool refresh, TimeSpan maxWait);

    /// <summary>True when a fresh result is stored: a row asking now would cost no search. For estimates.</summary>
    [AlwaysInterleave]
    Task<bool> IsCached();
}
