namespace PersonalizedLine.Tests.Pipeline;

/// <summary>One silo whose research results expire after a few seconds (Research__CacheTtl), to see them expire.</summary>
public sealed class ShortResearchTtlSilo() : ClusterFixture(silos: 1, maxConcurrentRowsPerSilo: 4,
    new Dictionary<string, string?> { ["Research:CacheTtl"] = CacheTtl.ToString() })
{
    public static readonly TimeSpan CacheTtl = TimeSpan.FromSeconds(5);
}

[CollectionDefinition(Name)]
public sealed class ShortResearchTtlCollection : ICollectionFixture<ShortResearchTtlSilo>
{
    public const string Name = "One silo, short research TTL";
}
