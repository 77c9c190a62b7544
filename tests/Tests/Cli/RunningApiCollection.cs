namespace PersonalizedLine.Tests.Cli;

[CollectionDefinition(Name)]
public sealed class RunningApiCollection : ICollectionFixture<RunningApiFixture>
{
    public const string Name = "CLI against a running API";
}
