using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Webhooks;
using PersonalizedLine.Tests.Api;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Webhooks;

[Collection(WebhookApiCollection.Name)]
public sealed class WebhookApiTests(WebhookApiFixture api)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("ftp://hooks.example.com/hook", "must be an absolute http:// or https:// URL")]
    [InlineData("hooks.example.com/hook", "must be an absolute http:// or https:// URL")]
    [InlineData("http://127.0.0.1:9/hook", "127.0.0.1 is a loopback address")]
    [InlineData("http://[fd00::5]/hook", "fd00::5 is a unique-local address")]
    [InlineData("http://192.168.1.20/hook", "192.168.1.20 is a private address")]
    [InlineData("http://localhost:9/hook", "'localhost' resolves to")]
    public async Task A_refused_webhook_url_is_a_400_naming_the_field_and_what_to_change(string url, string expected)
    {
        using var response = await api.Http.PostAsync("/jobs", JobUploads.Csv(LeadFiles.Csv(2), fields: ("webhookUrl", url)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ReadJsonAsync(response);
        Assert.Equal("Bad webhookUrl", problem.GetProperty("title").GetString());
        Assert.Contains(expected, problem.GetProperty("detail").GetString());
        var errors = problem.GetProperty("errors").GetProperty("webhookUrl");
        Assert.Contains(expected, errors[0].GetString());
    }

    [Fact]
    public async Task The_estimate_checks_the_webhook_url_as_a_submission_does()
    {
        using var refused = await api.Http.PostAsync("/jobs/estimate", JobUploads.Csv(LeadFiles.Csv(2), fields: ("webhookUrl", "http://10.0.0.1/hook")));
        using var accepted = await api.Http.PostAsync("/jobs/estimate", JobUploads.Csv(LeadFiles.Csv(2), fields: ("webhookUrl", "https://93.184.216.34/hook")));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("10.0.0.1 is a private address", (await ReadJsonAsync(refused)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_finished_job_shows_its_webhook_deliveries_with_a_refused_address_as_a_failed_attempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var submitted = await api.Http.PostAsync("/jobs", JobUploads.Csv(LeadFiles.Csv(2)));
        var id = (await ReadJsonAsync(submitted)).GetProperty("id").GetString()!;
        var job = await Eventually.ReturnsAsync(() => GetJobAsync(id), j => j.GetProperty("status").GetString() == "completed", Deadline, "the job to complete");
        Assert.Equal(JsonValueKind.Null, job.GetProperty("webhook").ValueKind);

        // As if the job had been given this URL and the address had changed since: it is checked again at delivery.
        var grains = api.Services.GetRequiredService<IGrainFactory>();
        var progress = await grains.GetGrain<IJobGrain>(id).GetProgress();
        var webhook = grains.GetGrain<IJobWebhookGrain>(id);
        await webhook.Notify(JobWebhookEvent.From(progress!, receiver.Url.AbsoluteUri));
        try
        {
            job = await Eventually.ReturnsAsync(() => GetJobAsync(id),
                j => j.GetProperty("webhook").ValueKind == JsonValueKind.Object
                    && j.GetProperty("webhook").GetProperty("deliveries")[0].GetProperty("attempts").GetArrayLength() == 1,
                Deadline, "the first attempt to show");

            var delivery = job.GetProperty("webhook").GetProperty("deliveries")[0];
            Assert.Equal("job.completed", delivery.GetProperty("eventType").GetString());
            Assert.Equal("pending", delivery.GetProperty("state").GetString());
            Assert.Equal(receiver.Url.AbsoluteUri, delivery.GetProperty("url").GetString());
            Assert.True(delivery.GetProperty("nextAttemptAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
            var attempt = delivery.GetProperty("attempts")[0];
            Assert.Equal(JsonValueKind.Null, attempt.GetProperty("statusCode").ValueKind);
            Assert.Contains("127.0.0.1 is a loopback address", attempt.GetProperty("error").GetString());
            Assert.Empty(receiver.Received);
        }
        finally
        {
            await webhook.Delete();
        }
    }

    private async Task<JsonElement> GetJobAsync(string id)
    {
        using var response = await api.Http.GetAsync($"/jobs/{id}");
        return await ReadJsonAsync(response);
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"HTTP {(int)response.StatusCode} with an empty body");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
