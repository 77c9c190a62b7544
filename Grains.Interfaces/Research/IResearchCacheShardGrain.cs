namespace PersonalizedLine.Grains.Interfaces.Research;

/// <summary>
/// One shard of the research cache: the research results of the normalized search queries whose keys fall in it
/// (<c>ResearchCacheKey</c> in Grains), shared by every row of every job on every silo. For each key, the first caller
/// starts the one search, the others wait for it, later callers get the stored result until it is older than
/// <c>Research__CacheTtl</c>. Failures are never kept.
/// </summary>
/// <remarks>
/// A fixed number of shards rather than one grain per query: a grain activation, its directory entry and its
/// deactivation for every distinct company cost more than the lookup itself.
/// </remarks>
public interface IResearchCacheShardGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// The stored result for <paramref name="key"/> if fresh; otherwise starts or joins the one search for it and waits
    /// for it at most <paramref name="maxWait"/> (kept well under the response timeout: a caller whose answer is still
    /// pending simply asks again).
    /// </summary>
    /// <param name="key">The entry's key (<c>ResearchCacheKey.For</c>); it names this shard.</param>
    /// <param name="query">The query as the row rendered it; searched as given by the caller that starts a search.</param>
    /// <param name="refreshedSince">
    /// Null normally. A job that asked to refresh its research passes the moment it was submitted: a stored result
    /// fetched before then is not used and the query is searched again, once, and the job's later rows share that
    /// new result instead of each searching again (which a plain "refresh" flag could not tell apart).
    /// </param>
    /// <param name="maxWait">How long this call may wait for a running search before answering Pending.</param>
    /// <param name="caller">
    /// One id per research of a row, the same on every lookup it repeats: the search is charged to the caller that
    /// started it, and to no one else, so a later job never pays for a search an abandoned attempt left unclaimed.
    /// </param>
    Task<ResearchLookup> Lookup(string key, string query, DateTimeOffset? refreshedSince, TimeSpan maxWait, Guid caller);

    /// <summary>True when a fresh result is stored for <paramref name="key"/>: a row asking now would cost no search. For estimates.</summary>
    [AlwaysInterleave]
    Task<bool> IsCached(string key);
}
