using System.Text.Json;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Webhooks;
using PersonalizedLine.Grains.Webhooks;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Webhooks;

/// <summary>The webhook grain on a two-silo cluster against a real receiver on 127.0.0.1.</summary>
[Collection(WebhookClusterCollection.Name)]
public sealed class JobWebhookGrainTests(WebhookClusterFixture fixture)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_completed_job_is_posted_once_with_its_summary_and_a_signature_the_receiver_verifies()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var outcome = WebhookEvents.For(receiver.Url);

        var enqueued = await Grain(outcome).Notify(outcome);
        var status = await WaitUntilSettledAsync(outcome);

        Assert.Equal(WebhookDeliveryState.Pending, Assert.Single(enqueued.Deliveries).State);
        var delivery = Assert.Single(status.Deliveries);
        Assert.Equal(WebhookDeliveryState.Delivered, delivery.State);
        Assert.Equal(200, Assert.Single(delivery.Attempts).StatusCode);
        var received = Assert.Single(receiver.Received);
        Assert.StartsWith("application/json", received.Header("Content-Type"));
        Assert.Equal("job.completed", received.Header(WebhookSender.EventHeader));
        Assert.Equal($"evt_{outcome.JobId}_completed", received.Header(WebhookSender.DeliveryHeader));
        Assert.True(WebhookSignature.Verify(WebhookClusters.Secret, received.Header(WebhookSignature.HeaderName), received.Body,
            DateTimeOffset.UtcNow, WebhookSignature.DefaultTolerance), $"signature {received.Header(WebhookSignature.HeaderName)} does not verify");

        using var json = JsonDocument.Parse(received.Body);
        var root = json.RootElement;
        Assert.Equal($"evt_{outcome.JobId}_completed", root.GetProperty("id").GetString());
        Assert.Equal("job.completed", root.GetProperty("type").GetString());
        var data = root.GetProperty("data");
        Assert.Equal(outcome.JobId, data.GetProperty("jobId").GetString());
        Assert.Equal("leads.csv", data.GetProperty("fileName").GetString());
        Assert.Equal("completed", data.GetProperty("status").GetString());
        Assert.Equal(40, data.GetProperty("totalRows").GetInt64());
        Assert.Equal(37, data.GetProperty("succeededRows").GetInt64());
        Assert.Equal(3, data.GetProperty("failedRows").GetInt64());
        Assert.Equal(outcome.FinishedAt, data.GetProperty("finishedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, data.GetProperty("error").ValueKind);
        Assert.Equal($"/jobs/{outcome.JobId}/result", data.GetProperty("resultUrl").GetString());
    }

    [Fact]
    public async Task Server_errors_are_retried_after_a_doubling_backoff_with_every_attempt_recorded_and_the_same_body()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Script(500, 503);
        var outcome = WebhookEvents.For(receiver.Url, JobStatus.Failed);

        await Grain(outcome).Notify(outcome);
        var delivery = Assert.Single((await WaitUntilSettledAsync(outcome)).Deliveries);

        Assert.Equal(WebhookDeliveryState.Delivered, delivery.State);
        Assert.Equal([500, 503, 200], delivery.Attempts.Select(a => a.StatusCode));
        Assert.Contains("500", delivery.Attempts[0].Error);
        Assert.True(delivery.Attempts[1].At - delivery.Attempts[0].At >= WebhookClusters.InitialBackoff, "the first retry came before the initial backoff");
        Assert.True(delivery.Attempts[2].At - delivery.Attempts[1].At >= WebhookClusters.InitialBackoff * 2, "the second retry did not wait twice as long");
        var received = receiver.Received.ToList();
        Assert.Equal(3, received.Count);
        Assert.Single(received.Select(r => r.Body).Distinct());
        Assert.All(received, r => Assert.Equal($"evt_{outcome.JobId}_failed", r.Header(WebhookSender.DeliveryHeader)));
        Assert.Contains("\"error\":\"the upload was interrupted\"", received[0].Body);
    }

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    public async Task Request_timeout_and_too_many_requests_are_retried(int status)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Script(status);
        var outcome = WebhookEvents.For(receiver.Url);

        await Grain(outcome).Notify(outcome);
        var delivery = Assert.Single((await WaitUntilSettledAsync(outcome)).Deliveries);

        Assert.Equal(WebhookDeliveryState.Delivered, delivery.State);
        Assert.Equal([status, 200], delivery.Attempts.Select(a => a.StatusCode));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    [InlineData(410)]
    public async Task A_client_error_gives_up_at_once_and_says_why(int status)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.DefaultStatus = status;
        var outcome = WebhookEvents.For(receiver.Url, JobStatus.Cancelled);

        await Grain(outcome).Notify(outcome);
        var delivery = Assert.Single((await WaitUntilSettledAsync(outcome)).Deliveries);

        Assert.Equal(WebhookDeliveryState.GaveUp, delivery.State);
        Assert.Equal(status, Assert.Single(delivery.Attempts).StatusCode);
        Assert.Contains($"refused the delivery with {status}", delivery.GaveUpReason);
        Assert.Null(delivery.NextAttemptAt);
        Assert.Single(receiver.Received);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_times_out_and_the_next_attempt_delivers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Script(WebhookReceiver.Hang);
        var outcome = WebhookEvents.For(receiver.Url);

        await Grain(outcome).Notify(outcome);
        var delivery = Assert.Single((await WaitUntilSettledAsync(outcome)).Deliveries);

        Assert.Equal(WebhookDeliveryState.Delivered, delivery.State);
        Assert.Equal(2, delivery.Attempts.Count);
        Assert.Null(delivery.Attempts[0].StatusCode);
        Assert.Contains("no answer within 2 s", delivery.Attempts[0].Error);
        Assert.Equal(200, delivery.Attempts[1].StatusCode);
    }

    [Fact]
    public async Task Failing_every_attempt_gives_up_after_the_maximum_attempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.DefaultStatus = 502;
        var outcome = WebhookEvents.For(receiver.Url);

        await Grain(outcome).Notify(outcome);
        var delivery = Assert.Single((await WaitUntilSettledAsync(outcome)).Deliveries);

        Assert.Equal(WebhookDeliveryState.GaveUp, delivery.State);
        Assert.Equal(Enumerable.Repeat<int?>(502, WebhookClusters.MaxAttempts), delivery.Attempts.Select(a => a.StatusCode));
        Assert.StartsWith($"gave up after {WebhookClusters.MaxAttempts} attempts", delivery.GaveUpReason);
        Assert.Equal(WebhookClusters.MaxAttempts, receiver.Received.Count);
    }

    [Fact]
    public async Task The_same_outcome_notified_again_is_delivered_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var outcome = WebhookEvents.For(receiver.Url);
        var grain = Grain(outcome);

        await Task.WhenAll(grain.Notify(outcome), grain.Notify(outcome), grain.Notify(outcome));
        await WaitUntilSettledAsync(outcome);
        var again = await grain.Notify(outcome with { SucceededRows = 1 });

        var delivery = Assert.Single(again.Deliveries);
        Assert.Equal(WebhookDeliveryState.Delivered, delivery.State);
        Assert.Single(delivery.Attempts);
        Assert.Single(receiver.Received);
        Assert.Contains("\"succeededRows\":37", Assert.Single(receiver.Received).Body);
    }

    [Fact]
    public async Task Each_outcome_of_a_job_is_a_delivery_of_its_own()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var failed = WebhookEvents.For(receiver.Url, JobStatus.Failed);
        var completed = WebhookEvents.For(receiver.Url, JobStatus.Completed, failed.JobId);

        await Grain(failed).Notify(failed);
        await Grain(completed).Notify(completed);
        var status = await WaitUntilSettledAsync(completed);

        Assert.Equal(["job.failed", "job.completed"], status.Deliveries.Select(d => d.EventType));
        Assert.All(status.Deliveries, d => Assert.Equal(WebhookDeliveryState.Delivered, d.State));
        Assert.Equal(["job.completed", "job.failed"], receiver.Received.Select(r => r.Header(WebhookSender.EventHeader)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Delete_forgets_the_deliveries_so_the_job_shows_none()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.DefaultStatus = 503;
        var outcome = WebhookEvents.For(receiver.Url);
        var grain = Grain(outcome);
        await grain.Notify(outcome);
        await Eventually.ReturnsAsync(() => grain.GetStatus(), s => s?.Deliveries[0].Attempts.Count >= 1, Deadline, "a first attempt");
        var deletedAt = DateTimeOffset.UtcNow;

        await grain.Delete();

        Assert.Null(await grain.GetStatus());
        // Enqueued afresh: the attempts made before the delete are gone with its state.
        var renewed = await grain.Notify(outcome);
        Assert.All(Assert.Single(renewed.Deliveries).Attempts, attempt => Assert.True(attempt.At >= deletedAt, $"attempt at {attempt.At:O} is from before the delete"));
    }

    [Fact]
    public async Task A_job_without_deliveries_has_no_webhook_status() =>
        Assert.Null(await fixture.Client.GetGrain<IJobWebhookGrain>(Guid.NewGuid().ToString("N")).GetStatus());

    private IJobWebhookGrain Grain(JobWebhookEvent outcome) => fixture.Client.GetGrain<IJobWebhookGrain>(outcome.JobId);

    private async Task<WebhookStatus> WaitUntilSettledAsync(JobWebhookEvent outcome) =>
        (await Eventually.ReturnsAsync(
            () => Grain(outcome).GetStatus(),
            status => status is not null && status.Deliveries.All(d => d.State != WebhookDeliveryState.Pending),
            Deadline,
            $"the webhooks of job {outcome.JobId} to settle"))!;
}
