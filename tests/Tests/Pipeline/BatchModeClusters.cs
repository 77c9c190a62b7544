namespace PersonalizedLine.Tests.Pipeline;

/// <summary>Three silos that poll provider batches every half second (the product polls every minute).</summary>
public sealed class ThreeSilosInBatchMode() : ClusterFixture(silos: 3, maxConcurrentRowsPerSilo: 100,
    new Dictionary<string, string?> { ["Llm:BatchPollInterval"] = "00:00:00.500" });

[CollectionDefinition(Name)]
public sealed class ThreeSilosInBatchModeCollection : ICollectionFixture<ThreeSilosInBatchMode>
{
    public const string Name = "Three silos in batch mode";
}

/// <summary>One silo whose failed batch requests go into a second batch instead of online.</summary>
public sealed class OneSiloRetryingInBatches() : ClusterFixture(silos: 1, maxConcurrentRowsPerSilo: 100,
    new Dictionary<string, string?> { ["Llm:BatchPollInterval"] = "00:00:00.500", ["Llm:BatchRetry"] = "Batch" });

[CollectionDefinition(Name)]
public sealed class OneSiloRetryingInBatchesCollection : ICollectionFixture<OneSiloRetryingInBatches>
{
    public const string Name = "One silo retrying in batches";
}
