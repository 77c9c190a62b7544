using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using PersonalizedLine.Grains.Interfaces.Webhooks;

namespace PersonalizedLine.Grains.Webhooks;

/// <summary>
/// A job's webhook deliveries. The life of a delivery, each step persisted before the next:
/// <list type="number">
/// <item><b>Enqueued</b> by <see cref="Notify"/> (body written, <c>Pending</c>, due now) and the reminder registered,
/// before Notify returns: from here on a silo may die and the delivery still happens.</item>
/// <item><b>Attempted</b> in the background of the activation, never inside a grain call; each attempt is recorded
/// with its time and answer, and a failure that may pass (5xx, 408, 429, timeout, network, refused address) sets the
/// next attempt time after a doubling backoff.</item>
/// <item><b>Settled</b>: <c>Delivered</c> on a 2xx; <c>GaveUp</c> on another answer or when the attempts run out.</item>
/// </list>
/// While anything is pending, a grain timer wakes the activation at the next attempt time and a reminder (its period
/// at least Orleans' minimum) re-activates the grain after a restart; both are removed once nothing is pending.
/// A silo dying during an attempt means that attempt is made again: receivers deduplicate by the event id.
/// </summary>
public sealed partial class JobWebhookGrain(
    [PersistentState("webhook", StorageNames.Webhooks)] IPersistentState<JobWebhookState> state,
    WebhookSender sender,
    IOptions<WebhookOptions> options,
    IOptions<ReminderOptions> reminders,
    TimeProvider clock,
    ILogger<JobWebhookGrain> logger) : Grain, IJobWebhookGrain, IRemindable
{
    private const string ReminderName = "webhook-delivery";
    private static readonly TimeSpan LongestReminderPeriod = TimeSpan.FromMinutes(1);

    private Task? _delivering;
    private bool _deliverAgain;
    private IGrainTimer? _timer;
    private bool _reminderRegistered;
    private Task _saving = Task.CompletedTask;

    private List<WebhookDeliveryRecord> Deliveries => state.State.Deliveries;

    private string JobId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Deliveries.Any(d => d.IsPending))
        {
            Deliver();
        }

        return Task.CompletedTask;
    }

    public async Task<WebhookStatus> Notify(JobWebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        if (!Uri.TryCreate(webhookEvent.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"A webhook URL must be an absolute http or https URL (got '{webhookEvent.Url}').", nameof(webhookEvent));
        }

        if (!Deliveries.Any(d => d.EventId == webhookEvent.EventId))
        {
            var now = clock.GetUtcNow();
            Deliveries.Add(new WebhookDeliveryRecord
            {
                EventId = webhookEvent.EventId,
                EventType = webhookEvent.Type,
                Url = webhookEvent.Url,
                Body = JsonSerializer.Serialize(WebhookPayload.From(webhookEvent, now), WebhookJsonContext.Default.WebhookPayload),
                State = WebhookDeliveryState.Pending,
                NextAttemptAt = now,
            });
            await SaveAsync();
            LogEnqueued(logger, JobId, webhookEvent.Type);
        }

        if (Deliveries.Any(d => d.IsPending))
        {
            // Also on a repeated Notify: a restart between the write above and this registration is mended here.
            await EnsureReminderAsync();
            Deliver();
        }

        return Status();
    }

    public Task<WebhookStatus?> GetStatus() => Task.FromResult(Deliveries.Count == 0 ? null : Status());

    public async Task Delete()
    {
        _timer?.Dispose();
        _timer = null;
        await UnregisterReminderAsync();
        await WaitForSaveAsync();
        await state.ClearStateAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Deliveries.Any(d => d.IsPending))
        {
            _reminderRegistered = true;
            Deliver();
            return Task.CompletedTask;
        }

        return UnregisterReminderAsync();
    }

    private WebhookStatus Status() => new(Deliveries.Select(d => d.ToStatus()).ToList());

    /// <summary>Starts the background attempts unless they run already (a timer or reminder tick, a Notify, an activation).</summary>
    private void Deliver()
    {
        if (_delivering is { IsCompleted: false })
        {
            // Asked while a pass runs (a Notify between its last look and its end): one more pass follows, so a delivery
            // enqueued then is neither left without a timer nor left behind a reminder that pass unregisters.
            _deliverAgain = true;
            return;
        }

        _delivering = DeliverPassesAsync();
    }

    private async Task DeliverPassesAsync()
    {
        do
        {
            _deliverAgain = false;
            await DeliverDueAsync();
        }
        while (_deliverAgain);
    }

    private async Task DeliverDueAsync()
    {
        try
        {
            while (Deliveries.FirstOrDefault(d => d.IsPending && d.NextAttemptAt <= clock.GetUtcNow()) is { } delivery)
            {
                var startedAt = clock.GetUtcNow();
                var result = await sender.SendAsync(delivery.Url, delivery.EventType, delivery.EventId, delivery.Body, CancellationToken.None);
                if (!Deliveries.Contains(delivery))
                {
                    break; // Deleted while the attempt was out.
                }

                Record(delivery, startedAt, result);
                await SaveAsync();
            }

            await ScheduleNextAsync();
        }
        catch (Exception ex)
        {
            // What was recorded stays in memory and is written with the next step; the timer or reminder tries again.
            LogDeliveryStepFailed(logger, ex, JobId);
        }
    }

    private void Record(WebhookDeliveryRecord delivery, DateTimeOffset startedAt, WebhookAttemptResult result)
    {
        delivery.RecordAttempt(startedAt, clock.GetUtcNow(), result, options.Value);
        var attempts = delivery.Attempts.Count;
        switch (delivery.State)
        {
            case WebhookDeliveryState.Delivered:
                LogDelivered(logger, JobId, delivery.EventType, attempts);
                break;
            case WebhookDeliveryState.Pending:
                LogRetrying(logger, JobId, delivery.EventType, attempts, result.Error, delivery.NextAttemptAt!.Value);
                break;
            default:
                LogGaveUp(logger, JobId, delivery.EventType, attempts, delivery.GaveUpReason);
                break;
        }
    }

    private async Task ScheduleNextAsync()
    {
        var next = Deliveries.Where(d => d.IsPending).Min(d => d.NextAttemptAt);
        if (next is null)
        {
            _timer?.Dispose();
            _timer = null;
            await UnregisterReminderAsync();
            return;
        }

        var due = next.Value - clock.GetUtcNow();
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due;
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(_ =>
            {
                Deliver();
                return Task.CompletedTask;
            }, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }

        await EnsureReminderAsync();
    }

    private async Task EnsureReminderAsync()
    {
        if (_reminderRegistered)
        {
            return;
        }

        var floor = reminders.Value.MinimumReminderPeriod;
        var wanted = options.Value.InitialBackoff < LongestReminderPeriod ? options.Value.InitialBackoff : LongestReminderPeriod;
        var period = wanted < floor ? floor : wanted;
        await this.RegisterOrUpdateReminder(ReminderName, period, period);
        _reminderRegistered = true;
    }

    private async Task UnregisterReminderAsync()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        _reminderRegistered = false;
    }

    /// <summary>One storage write at a time: Notify and the background attempts interleave, and a write carries the whole state.</summary>
    private async Task SaveAsync()
    {
        await WaitForSaveAsync();
        _saving = state.WriteStateAsync();
        await _saving;
    }

    private async Task WaitForSaveAsync()
    {
        while (!_saving.IsCompleted)
        {
            try
            {
                await _saving;
            }
            catch (Exception)
            {
                // The caller that started that write sees its failure.
            }
        }
    }
}
