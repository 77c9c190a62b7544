using PersonalizedLine.Grains.Interfaces.Limits;

namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>
/// A provider limit a running job is held to, as the whole cluster holds it: the pace now (below the configured limit,
/// or learned from 429s when none is configured), the requests queued for it on every silo, and a pause after a 429.
/// </summary>
/// <param name="Limit">Provider, endpoint, a short hash of the API key and, for an LLM, the model.</param>
/// <param name="Limited">False: no limit configured or learned yet, requests go out freely.</param>
/// <param name="RequestsPerMinute">The request pace held now (0 when requests are not limited).</param>
/// <param name="TokensPerMinute">The token pace held now (0 when tokens are not limited).</param>
/// <param name="WaitingRequests">Requests waiting for a permit across the cluster (all jobs on this key).</param>
/// <param name="PausedUntil">After a 429, nothing is sent before this.</param>
/// <param name="RateLimitedAnswers">429s the cluster has met on this key lately.</param>
public sealed record ProviderLimitResponse(
    string Limit,
    bool Limited,
    double RequestsPerMinute,
    double TokensPerMinute,
    int WaitingRequests,
    DateTimeOffset? PausedUntil,
    long RateLimitedAnswers)
{
    public static ProviderLimitResponse From(ProviderLimitStatus status) => new(
        status.Key,
        status.Limited,
        Math.Round(status.RequestsPerSecond * 60, 1),
        Math.Round(status.TokensPerSecond * 60),
        status.WaitingRequests,
        status.PausedUntil,
        status.RateLimitedAnswers);
}
