namespace PersonalizedLine.Tests.Api;

[CollectionDefinition(Name)]
public sealed class EstimateApiCollection : ICollectionFixture<EstimateApiFixture>
{
    public const string Name = "API with provider limits and prices";
}
