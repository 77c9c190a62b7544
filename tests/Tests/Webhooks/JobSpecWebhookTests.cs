using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Webhooks;

public sealed class JobSpecWebhookTests
{
    [Theory]
    [InlineData("https://hooks.example.com/personalizedline", "https://hooks.example.com/personalizedline")]
    [InlineData("  https://hooks.example.com/a  ", "https://hooks.example.com/a")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public async Task The_requested_webhook_url_becomes_part_of_the_job_spec(string? requested, string? expected)
    {
        await using var file = await JobFile.OpenAsync(LeadFiles.Stream(LeadFiles.Csv(2)), new JobRequest("leads.csv", WebhookUrl: requested),
            new UploadOptions(), new LlmOptions(), CancellationToken.None);

        Assert.Equal(expected, file.Spec.WebhookUrl);
    }
}
