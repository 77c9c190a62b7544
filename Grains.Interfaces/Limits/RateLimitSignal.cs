namespace PersonalizedLine.Grains.Interfaces.Limits;

/// <summary>A 429 seen by a silo.</summary>
/// <param name="Silo">The silo that got it.</param>
/// <param name="RetryAfter">What the provider said (<c>retry-after</c>, Groq's reset headers); null when it said nothing.</param>
/// <param name="RecentRequestsPerSecond">What the silo sent lately.</param>
[GenerateSerializer, Immutable, Alias("rate-limit-signal")]
public sealed record class RateLimitSignal(
    [property: Id(0)] string Silo,
    [property: Id(1)] TimeSpan? RetryAfter,
    [property: Id(2)] double RecentRequestsPerSecond);
