using System.Text.Json;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Grains.Webhooks;
using PersonalizedLine.Tests.Support;
using PersonalizedLine.Tests.Webhooks;

namespace PersonalizedLine.Tests.Lifecycle;

/// <summary>A job's outcome reaches its webhook once, signed, from the job itself (completed, cancelled, retried).</summary>
[Collection(LifecycleCollection.Name)]
public sealed class JobWebhookTests(LifecycleCluster cluster)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_completed_job_posts_one_signed_completed_event_and_a_retry_adds_none()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var job = await SubmitAsync(LeadFiles.Csv(12, i => $"Hook{tag}Co{i}") + "Lead12,Surname12,CTO,,\n", receiver);

        await cluster.WaitUntilFinishedAsync(job.GetPrimaryKeyString(), Deadline);
        var received = await Eventually.ReturnsAsync(() => Task.FromResult(receiver.Received.ToList()), r => r.Count >= 1, Deadline,
            "the completed event");

        var delivery = Assert.Single(received);
        Assert.Equal("job.completed", delivery.Header("PersonalizedLine-Event"));
        Assert.True(WebhookSignature.Verify(LifecycleCluster.WebhookSecret, delivery.Header(WebhookSignature.HeaderName), delivery.Body,
            DateTimeOffset.UtcNow, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify("another-secret-0123456789", delivery.Header(WebhookSignature.HeaderName), delivery.Body,
            DateTimeOffset.UtcNow, WebhookSignature.DefaultTolerance));
        using (var body = JsonDocument.Parse(delivery.Body))
        {
            Assert.Contains(job.GetPrimaryKeyString(), body.RootElement.ToString());
            Assert.Contains("\"completed\"", body.RootElement.ToString());
        }

        // The retry ends completed again: the same outcome is not announced twice.
        await job.Retry(RetryScope.AllFailed);
        await Eventually.ReturnsAsync(() => job.GetProgress(), p => p!.Status == JobStatus.Completed && p.Retries == 1, Deadline, "the retry to end");
        var cancelled = await SubmitAsync(LeadFiles.Csv(5, i => $"Hook{tag}Other{i}"), receiver, cancel: true);
        await Eventually.ReturnsAsync(() => Task.FromResult(receiver.Received.ToList()), r => r.Count >= 2, Deadline, "the cancelled event");
        Assert.Equal(["job.completed", "job.cancelled"], receiver.Received.Select(r => r.Header("PersonalizedLine-Event") ?? "").ToArray());
        Assert.Contains(cancelled.GetPrimaryKeyString(), receiver.Received.Last().Body);
    }

    private async Task<IJobGrain> SubmitAsync(string csv, WebhookReceiver receiver, bool cancel = false)
    {
        var progress = await cluster.Submitter.SubmitAsync(
            LeadFiles.Stream(csv), new JobRequest("leads.csv", WebhookUrl: receiver.Url.ToString()), null, CancellationToken.None);
        var job = cluster.Client.GetGrain<IJobGrain>(progress.JobId);
        if (cancel)
        {
            await job.Cancel();
        }

        return job;
    }
}
