using System.Net;
using System.Text.Json;
using PersonalizedLine.Tests.Api;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Webhooks;

/// <summary>The API as shipped: no <c>Webhook__Secret</c>, so no job may ask for a webhook.</summary>
[Collection(ApiCollection.Name)]
public sealed class WebhookWithoutSecretApiTests(ApiFixture api)
{
    [Fact]
    public async Task A_webhook_url_without_a_configured_secret_is_a_400_saying_to_set_it()
    {
        using var response = await api.Http.PostAsync("/jobs", JobUploads.Csv(LeadFiles.Csv(2), fields: ("webhookUrl", "https://93.184.216.34/hook")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Set Webhook__Secret", problem.RootElement.GetProperty("detail").GetString());
    }
}
