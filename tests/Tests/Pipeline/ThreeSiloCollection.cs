namespace PersonalizedLine.Tests.Pipeline;

[CollectionDefinition(Name)]
public sealed class ThreeSiloCollection : ICollectionFixture<ThreeSiloCluster>
{
    public const string Name = "Three-silo cluster";
}
