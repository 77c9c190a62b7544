namespace PersonalizedLine.Tests.Webhooks;

[CollectionDefinition(Name)]
public sealed class WebhookClusterCollection : ICollectionFixture<WebhookClusterFixture>
{
    public const string Name = "Webhook cluster";
}
