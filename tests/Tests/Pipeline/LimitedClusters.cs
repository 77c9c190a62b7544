namespace PersonalizedLine.Tests.Pipeline;

/// <summary>
/// Clusters told a provider plan's limits, for the tests that measure, from the emulator's side, that the whole
/// cluster holds them. The emulator's quota is a 30 s sliding window of half the per-minute figure, so that a job of a
/// few hundred rows spans several windows in well under a minute.
/// </summary>
public static class LimitedClusters
{
    public const int RequestsPerMinute = 1_200;
    public const long TokensPerMinute = 400_000;

    public static Dictionary<string, string?> RequestLimits() => new()
    {
        ["Research:RequestsPerMinute"] = RequestsPerMinute.ToString(),
        ["Llm:RequestsPerMinute"] = RequestsPerMinute.ToString(),
    };
}

/// <summary>One silo told the request limits.</summary>
public sealed class OneSiloAtRequestLimits() : ClusterFixture(silos: 1, maxConcurrentRowsPerSilo: 300, LimitedClusters.RequestLimits());

/// <summary>Three silos told the request limits: together they must hold what one would.</summary>
public sealed class ThreeSilosAtRequestLimits() : ClusterFixture(silos: 3, maxConcurrentRowsPerSilo: 100, LimitedClusters.RequestLimits());

/// <summary>Three silos told only an LLM token limit.</summary>
public sealed class ThreeSilosAtTokenLimit() : ClusterFixture(silos: 3, maxConcurrentRowsPerSilo: 100,
    new Dictionary<string, string?> { ["Llm:TokensPerMinute"] = LimitedClusters.TokensPerMinute.ToString() });

/// <summary>Three silos told nothing: they must learn the limit from 429s.</summary>
public sealed class ThreeSilosWithoutLimits() : ClusterFixture(silos: 3, maxConcurrentRowsPerSilo: 100);

[CollectionDefinition(Name)]
public sealed class OneSiloAtRequestLimitsCollection : ICollectionFixture<OneSiloAtRequestLimits>
{
    public const string Name = "One silo at request limits";
}

[CollectionDefinition(Name)]
public sealed class ThreeSilosAtRequestLimitsCollection : ICollectionFixture<ThreeSilosAtRequestLimits>
{
    public const string Name = "Three silos at request limits";
}

[CollectionDefinition(Name)]
public sealed class ThreeSilosAtTokenLimitCollection : ICollectionFixture<ThreeSilosAtTokenLimit>
{
    public const string Name = "Three silos at a token limit";
}

[CollectionDefinition(Name)]
public sealed class ThreeSilosWithoutLimitsCollection : ICollectionFixture<ThreeSilosWithoutLimits>
{
    public const string Name = "Three silos without limits";
}

/// <summary>One silo behind a low LLM request limit, so rows queue for permits long enough to watch.</summary>
public sealed class OneSiloBehindALowLlmLimit() : ClusterFixture(silos: 1, maxConcurrentRowsPerSilo: 100,
    new Dictionary<string, string?> { ["Llm:RequestsPerMinute"] = OneSiloBehindALowLlmLimit.LlmRequestsPerMinute.ToString() })
{
    public const int LlmRequestsPerMinute = 240;
}

[CollectionDefinition(Name)]
public sealed class OneSiloBehindALowLlmLimitCollection : ICollectionFixture<OneSiloBehindALowLlmLimit>
{
    public const string Name = "One silo behind a low LLM limit";
}
