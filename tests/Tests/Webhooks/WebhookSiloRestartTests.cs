using Orleans.TestingHost;
using PersonalizedLine.Grains;
using PersonalizedLine.Grains.Interfaces.Webhooks;
using PersonalizedLine.Grains.Webhooks;
using PersonalizedLine.Silo.Hosting;
using PersonalizedLine.Tests.Storage;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Webhooks;

/// <summary>
/// Three silos on real PostgreSQL grain storage and reminders: the silo holding a job's webhook grain stops while the
/// receiver keeps failing, and the delivery still arrives once the receiver recovers, woken by its reminder alone
/// (the test watches the receiver, not the grain, so no call of its own re-activates it).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WebhookSiloRestartTests(PostgresServer server)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_pending_delivery_survives_the_stop_of_its_silo_and_is_delivered_once_with_its_earlier_attempts_kept()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.DefaultStatus = 503;
        await using var cluster = await WebhookClusters.StartAsync(3, UsePostgres, PostgresClusters.NewServiceId("webhook"));
        var outcome = WebhookEvents.For(receiver.Url);
        var grain = cluster.Client.GetGrain<IJobWebhookGrain>(outcome.JobId);

        await grain.Notify(outcome);
        await Eventually.ReturnsAsync(() => grain.GetStatus(), s => s?.Deliveries[0].Attempts.Count >= 2, Deadline, "two failed attempts");
        Assert.True(cluster.TryGetGrainContext(((GrainReference)grain).GrainId, out var context), "the webhook grain is not active");
        var holder = cluster.Silos.Single(silo => silo.SiloAddress.Equals(context!.Address.SiloAddress));
        await cluster.StopSiloAsync(holder);
        await cluster.StartAdditionalSiloAsync();
        var failedBeforeRecovery = receiver.Received.Count;
        receiver.DefaultStatus = 200;

        await Eventually.TrueAsync(() => receiver.Received.Count > failedBeforeRecovery, Deadline, "a delivery attempt after the silo stopped");
        var status = await Eventually.ReturnsAsync(() => grain.GetStatus(),
            s => s?.Deliveries[0].State == WebhookDeliveryState.Delivered, Deadline, "the delivery to be recorded as delivered");

        var delivery = Assert.Single(status!.Deliveries);
        Assert.Equal(200, delivery.Attempts[^1].StatusCode);
        Assert.True(delivery.Attempts.Count(a => a.StatusCode == 503) >= 2, $"the attempts before the stop were lost: {string.Join(", ", delivery.Attempts)}");
        Assert.Single(delivery.Attempts, a => a.StatusCode == 200);
        var received = receiver.Received.ToList();
        Assert.Single(received.Select(r => r.Body).Distinct());
        Assert.All(received, r => Assert.True(
            WebhookSignature.Verify(WebhookClusters.Secret, r.Header(WebhookSignature.HeaderName), r.Body, r.At, WebhookSignature.DefaultTolerance)));
    }

    private void UsePostgres(ISiloBuilder silo)
    {
        silo.AddPostgresGrainStorage(StorageNames.Webhooks, server.ConnectionString);
        silo.UsePostgresReminders(server.ConnectionString);
    }
}
