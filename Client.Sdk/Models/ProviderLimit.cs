namespace PersonalizedLine.Client.Sdk.Models;

/// <summary>A provider limit a running job is held to, cluster-wide, and the requests queued for it.</summary>
/// <param name="Limit">Provider, endpoint, a short hash of the key and, for an LLM, the model.</param>
/// <param name="Limited">False: no limit configured or learned yet.</param>
/// <param name="RequestsPerMinute">The request pace held now (0: requests are not limited).</param>
/// <param name="TokensPerMinute">The token pace held now (0: tokens are not limited).</param>
/// <param name="WaitingRequests">Requests waiting for a permit across the cluster.</param>
/// <param name="PausedUntil">After a 429, nothing is sent before this.</param>
/// <param name="RateLimitedAnswers">429s met lately on this key.</param>
public sealed record ProviderLimit(
    string Limit,
    bool Limited,
    double RequestsPerMinute,
    double TokensPerMinute,
    int WaitingRequests,
    DateTimeOffset? PausedUntil,
    long RateLimitedAnswers);
