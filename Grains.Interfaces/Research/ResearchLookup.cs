namespace PersonalizedLine.Grains.Interfaces.Research;

/// <summary>The answer of <see cref="IResearchCacheShardGrain.Lookup"/>.</summary>
/// <param name="Status">Whether the result is here, still coming, or failed.</param>
/// <param name="Summary">The condensed research text when <see cref="ResearchLookupStatus.Found"/>.</param>
/// <param name="FromCache">True when the result was stored before this caller asked (no search was paid for it).</param>
/// <param name="SearchedForCaller">True for exactly one caller per search: the one whose usage pays for it.</param>
/// <param name="Error">Why the search failed, when <see cref="ResearchLookupStatus.Failed"/>.</param>
/// <param name="RateLimitedAnswers">429s the search met, told only to the caller it is <see cref="SearchedForCaller"/> for.</param>
/// <param name="WaitingForPermit">While pending: the search is waiting for a rate-limit permit, not talking to the provider.</param>
/// <param name="AccountProblem">When failed because the search provider refused the account: what it said (also in <see cref="Error"/>).</param>
[GenerateSerializer, Immutable, Alias("research-lookup")]
public sealed record class ResearchLookup(
    [property: Id(0)] ResearchLookupStatus Status,
    [property: Id(1)] string Summary,
    [property: Id(2)] bool FromCache,
    [property: Id(3)] bool SearchedForCaller,
    [property: Id(4)] string? Error,
    [property: Id(5)] bool WaitingForPermit = false,
    [property: Id(6)] int RateLimitedAnswers = 0,
    [property: Id(7)] Providers.AccountProblem? AccountProblem = null);
