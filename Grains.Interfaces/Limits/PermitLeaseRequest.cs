namespace PersonalizedLine.Grains.Interfaces.Limits;

/// <summary>A silo's ask for permits.</summary>
/// <param name="Silo">The asking silo, for its fair share.</param>
/// <param name="Requests">Request permits wanted now, beyond those the silo still holds (0 with no tokens wanted: only
/// reporting and learning the mode).</param>
/// <param name="Tokens">Token permits wanted for the waiting requests (prompt + max tokens each), beyond those held.</param>
/// <param name="Waiting">Requests queued at this silo, for the fair share and for progress.</param>
/// <param name="RequestsPerMinute">The configured request limit (0: none), the same on every silo.</param>
/// <param name="TokensPerMinute">The configured token limit (0: none).</param>
/// <param name="RecentRequestsPerSecond">What this silo sent lately, so a first 429 can start from the real rate.</param>
/// <param name="ReturnedRequests">Permits of an expired grant that were never used.</param>
/// <param name="ReturnedTokens">Token permits of an expired grant that were never used.</param>
/// <param name="LargestRequestTokens">The costliest single request waiting: a share of the token bucket must hold it.</param>
/// <param name="SlowStartAnswers">Answers other than a 429 this silo got since its last lease while still in slow start:
/// the cluster adds them up, as the provider's limit is the key's, not the silo's.</param>
[GenerateSerializer, Immutable, Alias("permit-lease-request")]
public sealed record class PermitLeaseRequest(
    [property: Id(0)] string Silo,
    [property: Id(1)] int Requests,
    [property: Id(2)] long Tokens,
    [property: Id(3)] int Waiting,
    [property: Id(4)] int RequestsPerMinute,
    [property: Id(5)] long TokensPerMinute,
    [property: Id(6)] double RecentRequestsPerSecond,
    [property: Id(7)] int ReturnedRequests = 0,
    [property: Id(8)] long ReturnedTokens = 0,
    [property: Id(9)] long LargestRequestTokens = 0,
    [property: Id(10)] int SlowStartAnswers = 0);
