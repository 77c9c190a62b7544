namespace PersonalizedLine.Tests.Lifecycle;

[CollectionDefinition(Name)]
public sealed class LifecycleCollection : ICollectionFixture<LifecycleCluster>
{
    public const string Name = "Job lifecycle cluster";
}
