namespace PersonalizedLine.Tests.Web;

[CollectionDefinition(Name)]
public sealed class ApiKeysWebPageCollection : ICollectionFixture<ApiKeysWebPageFixture>
{
    public const string Name = "Web page against an API with keys, in headless Chromium";
}
