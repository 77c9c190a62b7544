namespace PersonalizedLine.Grains.Interfaces.Limits;

/// <summary>A silo's ask for permits.</summary>
/// <param name="Silo">The asking silo, for its fair share.</param>
/// <param name="Requests">Request permits wanted now (0: only reporting and learning the mode).</param>
/// <param name="Tokens">Token permits wanted along with them (prompt + max tokens of the waiting requests).</param>
/// <param name="Waiting">Requests queued at this silo, for the fair share and for progress.</param>
/// <param name="RequestsPerMinute">The configured request limit (0: none), the same on every silo.</param>
/// <param name="TokensPerMinute">The configured token limit (0: none).</param>
/// <param name="RecentRequestsPerSecond">What this silo sent lately, so a first 429 can start from the real rate.</param>
/// <param name="ReturnedRequests">Permits of an expired grant that were never used.</param>
/// <param name="ReturnedTokens">Token permits of an expired grant that were never used.</param>
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
    [property: Id(8)] long ReturnedTokens = 0);
