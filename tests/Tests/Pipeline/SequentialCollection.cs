namespace PersonalizedLine.Tests.Pipeline;

[CollectionDefinition(Name)]
public sealed class SequentialCollection : ICollectionFixture<SequentialSilo>
{
    public const string Name = "Sequential silo";
}
