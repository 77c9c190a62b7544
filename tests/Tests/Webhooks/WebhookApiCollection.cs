namespace PersonalizedLine.Tests.Webhooks;

[CollectionDefinition(Name)]
public sealed class WebhookApiCollection : ICollectionFixture<WebhookApiFixture>
{
    public const string Name = "API with webhooks";
}
