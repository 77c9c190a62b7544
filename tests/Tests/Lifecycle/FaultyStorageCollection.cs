namespace PersonalizedLine.Tests.Lifecycle;

[CollectionDefinition(Name)]
public sealed class FaultyStorageCollection : ICollectionFixture<FaultyStorageCluster>
{
    public const string Name = "Cluster with failing storage";
}
