namespace PersonalizedLine.Tests.Pipeline;

/// <summary>Three silos for batch-mode jobs (they poll provider batches every half second, see <see cref="Support.PipelineSettings"/>).</summary>
public sealed class ThreeSilosInBatchMode() : ClusterFixture(silos: 3, maxConcurrentRowsPerSilo: 100);

[CollectionDefinition(Name)]
public sealed class ThreeSilosInBatchModeCollection : ICollectionFixture<ThreeSilosInBatchMode>
{
    public const string Name = "Three silos in batch mode";
}

/// <summary>One silo whose failed batch requests go into a second batch instead of online, in files of at most 25 requests.</summary>
public sealed class OneSiloRetryingInBatches() : ClusterFixture(silos: 1, maxConcurrentRowsPerSilo: 100,
    new Dictionary<string, string?> { ["Llm:BatchRetry"] = "Batch", ["Llm:MaxRequestsPerBatch"] = "25" });

[CollectionDefinition(Name)]
public sealed class OneSiloRetryingInBatchesCollection : ICollectionFixture<OneSiloRetryingInBatches>
{
    public const string Name = "One silo retrying in batches";
}
