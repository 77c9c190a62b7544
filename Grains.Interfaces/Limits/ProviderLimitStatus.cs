namespace PersonalizedLine.Grains.Interfaces.Limits;

/// <summary>A provider limit as progress shows it.</summary>
/// <param name="Key">The limit's readable key (provider, endpoint, model; never the API key).</param>
/// <param name="Limited">False while nothing is configured or learned: requests go out freely.</param>
/// <param name="RequestsPerSecond">The pace the cluster holds now (after 429s, below the configured limit).</param>
/// <param name="TokensPerSecond">The token pace (0 when tokens are not limited).</param>
/// <param name="WaitingRequests">Requests queued for a permit, summed over the silos that asked lately.</param>
/// <param name="PausedUntil">After a 429 nothing is granted before this.</param>
/// <param name="RateLimitedAnswers">429s reported to this activation.</param>
/// <param name="GrantedRequests">Request permits granted by this activation.</param>
/// <param name="GrantedTokens">Token permits granted by this activation.</param>
[GenerateSerializer, Immutable, Alias("provider-limit-status")]
public sealed record class ProviderLimitStatus(
    [property: Id(0)] string Key,
    [property: Id(1)] bool Limited,
    [property: Id(2)] double RequestsPerSecond,
    [property: Id(3)] double TokensPerSecond,
    [property: Id(4)] int WaitingRequests,
    [property: Id(5)] DateTimeOffset? PausedUntil,
    [property: Id(6)] long RateLimitedAnswers,
    [property: Id(7)] long GrantedRequests = 0,
    [property: Id(8)] long GrantedTokens = 0);
