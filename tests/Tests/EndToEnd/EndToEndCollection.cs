namespace PersonalizedLine.Tests.EndToEnd;

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<EndToEndServers>
{
    public const string Name = "End to end on real processes";
}
