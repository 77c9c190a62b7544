using PersonalizedLine.Tests.Api;

namespace PersonalizedLine.Tests.Webhooks;

/// <summary>The API with an embedded silo, a webhook secret, and private networks refused (the default).</summary>
public sealed class WebhookApiFixture() : ApiHostFixture(maxConcurrentRowsPerSilo: 10)
{
    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Webhook:Secret"] = WebhookClusters.Secret;
        // A refused attempt is retried a minute later, well after a test has read it.
        settings["Webhook:InitialBackoff"] = "00:01:00";
    }
}

