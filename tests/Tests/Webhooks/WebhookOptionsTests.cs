using PersonalizedLine.Grains.Webhooks;

namespace PersonalizedLine.Tests.Webhooks;

public sealed class WebhookOptionsTests
{
    [Fact]
    public void The_default_backoff_doubles_from_ten_seconds_and_stops_at_an_hour()
    {
        var options = new WebhookOptions();

        var waits = Enumerable.Range(1, 12).Select(attempts => WebhookBackoff.After(attempts, options).TotalSeconds);

        Assert.Equal([10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600, 3600], waits);
    }

    [Fact]
    public void The_defaults_are_valid_and_need_no_secret() =>
        Assert.True(new WebhookOptionsValidator().Validate(null, new WebhookOptions()).Succeeded);

    [Theory]
    [InlineData("short-secret", "Webhook__Secret must be at least 16 characters")]
    [InlineData(null, "Webhook__MaxAttempts must be between 1 and 50")]
    public void Bad_settings_fail_start_up_naming_the_key(string? secret, string expected)
    {
        var options = new WebhookOptions { Secret = secret, MaxAttempts = secret is null ? 0 : 8 };

        var result = new WebhookOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage);
    }

    [Fact]
    public void A_max_backoff_shorter_than_the_initial_one_fails_start_up()
    {
        var result = new WebhookOptionsValidator().Validate(null, new WebhookOptions { InitialBackoff = TimeSpan.FromMinutes(2), MaxBackoff = TimeSpan.FromMinutes(1) });

        Assert.Contains("Webhook__MaxBackoff at least as long", result.FailureMessage);
    }
}
