namespace PersonalizedLine.Grains.Interfaces.Limits;

/// <summary>The coordinator's answer to a lease.</summary>
/// <param name="Unlimited">No limit is configured or learned: send freely (and come back in <see cref="AskAgainIn"/> to hear otherwise).</param>
/// <param name="Requests">Request permits granted.</param>
/// <param name="Tokens">Token permits granted.</param>
/// <param name="ValidFor">Unused permits lapse after this (a dead silo's grant simply expires).</param>
/// <param name="AskAgainIn">When asking again can bring more (the buckets refill, a pause ends).</param>
/// <param name="SlowStartOver">The cluster's silos together got enough answers without a 429 for this key: no silo
/// needs to probe the provider's limit any longer.</param>
[GenerateSerializer, Immutable, Alias("permit-grant")]
public sealed record class PermitGrant(
    [property: Id(0)] bool Unlimited,
    [property: Id(1)] int Requests,
    [property: Id(2)] long Tokens,
    [property: Id(3)] TimeSpan ValidFor,
    [property: Id(4)] TimeSpan AskAgainIn,
    [property: Id(5)] bool SlowStartOver = false);
