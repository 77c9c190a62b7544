using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Webhooks;
using PersonalizedLine.Grains.Webhooks;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Webhooks;

/// <summary>The call the job grain makes at an outcome, with and without a webhook in its spec.</summary>
[Collection(WebhookClusterCollection.Name)]
public sealed class JobWebhookNoticeTests(WebhookClusterFixture fixture)
{
    [Fact]
    public async Task A_job_with_a_webhook_url_has_its_outcome_delivered_and_one_without_has_no_deliveries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var withHook = Spec(receiver.Url.AbsoluteUri);
        var cancelled = Progress(JobStatus.Cancelled);
        var completed = Progress(JobStatus.Completed);

        await fixture.Client.NotifyWebhookAsync(withHook, cancelled);
        await fixture.Client.NotifyWebhookAsync(Spec(null), completed);

        var status = await Eventually.ReturnsAsync(() => fixture.Client.GetGrain<IJobWebhookGrain>(cancelled.JobId).GetStatus(),
            s => s?.Deliveries[0].State == WebhookDeliveryState.Delivered, TimeSpan.FromSeconds(60), "the cancelled job's webhook");
        Assert.Equal("job.cancelled", Assert.Single(status!.Deliveries).EventType);
        Assert.Equal("job.cancelled", Assert.Single(receiver.Received).Header(WebhookSender.EventHeader));
        Assert.Null(await fixture.Client.GetGrain<IJobWebhookGrain>(completed.JobId).GetStatus());
    }

    [Fact]
    public async Task A_job_still_running_has_no_outcome_to_send() =>
        await Assert.ThrowsAsync<ArgumentException>(() => fixture.Client.NotifyWebhookAsync(Spec("https://hooks.example.com/a"), Progress(JobStatus.Running)));

    private static JobSpec Spec(string? webhookUrl) =>
        new("leads.csv", ["first_name", "company"], ',', "{company}", "Write to {first_name}.", "llama-3.1-8b-instant", WebhookUrl: webhookUrl);

    private static JobProgress Progress(JobStatus status) =>
        new(Guid.NewGuid().ToString("N"), status, "leads.csv", 2, 2, 2, 0, 0, null, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow,
            new UsageTotals(0, 0, 0), "llama-3.1-8b-instant", null, new Dictionary<string, long>());
}
