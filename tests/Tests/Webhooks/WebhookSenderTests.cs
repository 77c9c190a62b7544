using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PersonalizedLine.Grains.Webhooks;

namespace PersonalizedLine.Tests.Webhooks;

/// <summary>The sender with the product's HttpClient registration, without a cluster.</summary>
public sealed class WebhookSenderTests
{
    [Fact]
    public async Task A_delivery_to_a_loopback_address_fails_at_connect_time_when_private_networks_are_not_allowed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var services = Services(allowPrivateNetworks: false);

        var result = await services.GetRequiredService<WebhookSender>().SendAsync(receiver.Url.AbsoluteUri, "job.completed", "evt_x_completed", "{}", CancellationToken.None);

        Assert.Equal(WebhookAttemptOutcome.Retry, result.Outcome);
        Assert.Null(result.StatusCode);
        Assert.Contains("127.0.0.1 is a loopback address", result.Error);
        Assert.Contains("Webhook__AllowPrivateNetworks=true", result.Error);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_gives_up()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.DefaultStatus = 307;
        await using var services = Services(allowPrivateNetworks: true);

        var result = await services.GetRequiredService<WebhookSender>().SendAsync(receiver.Url.AbsoluteUri, "job.completed", "evt_x_completed", "{}", CancellationToken.None);

        Assert.Equal(WebhookAttemptOutcome.GiveUp, result.Outcome);
        Assert.Equal(307, result.StatusCode);
        Assert.Contains("redirect", result.Error);
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task Without_a_secret_nothing_is_sent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var services = Services(allowPrivateNetworks: true, secret: null);

        var result = await services.GetRequiredService<WebhookSender>().SendAsync(receiver.Url.AbsoluteUri, "job.completed", "evt_x_completed", "{}", CancellationToken.None);

        Assert.Equal(WebhookAttemptOutcome.GiveUp, result.Outcome);
        Assert.Contains("Webhook__Secret is not set", result.Error);
        Assert.Empty(receiver.Received);
    }

    private static ServiceProvider Services(bool allowPrivateNetworks, string? secret = WebhookClusters.Secret)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhook:Secret"] = secret,
            ["Webhook:AllowPrivateNetworks"] = allowPrivateNetworks ? "true" : "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddJobWebhooks();
        return services.BuildServiceProvider();
    }
}
