namespace PersonalizedLine.Tests.Pipeline;

/// <summary>
/// Three silos whose rows may share LLM requests. A partial request leaves after 3 s: long enough that rows arriving
/// on a busy 2-core machine still fill their requests, short enough for the last rows of a job.
/// </summary>
public sealed class ThreeSilosSharingRequests() : ClusterFixture(silos: 3, maxConcurrentRowsPerSilo: 100,
    new Dictionary<string, string?> { ["Llm:RowsPerRequestWait"] = "00:00:03" });

[CollectionDefinition(Name)]
public sealed class ThreeSilosSharingRequestsCollection : ICollectionFixture<ThreeSilosSharingRequests>
{
    public const string Name = "Three silos sharing requests";
}
