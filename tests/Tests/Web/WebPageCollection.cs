namespace PersonalizedLine.Tests.Web;

[CollectionDefinition(Name)]
public sealed class WebPageCollection : ICollectionFixture<WebPageFixture>
{
    public const string Name = "Web page in headless Chromium";
}
