using PersonalizedLine.Tests.Pipeline;

namespace PersonalizedLine.Tests.JobIndex;

/// <summary>One silo with the product's grains and in-memory storage, for the job index and the job's hooks into it.</summary>
public sealed class JobIndexSilo() : ClusterFixture(silos: 1, maxConcurrentRowsPerSilo: 4);

[CollectionDefinition(Name)]
public sealed class JobIndexCollection : ICollectionFixture<JobIndexSilo>
{
    public const string Name = "Job index silo";
}
