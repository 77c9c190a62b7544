using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PersonalizedLine.Grains.Interfaces.Limits;
using PersonalizedLine.Grains.Limits;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Limits;

/// <summary>
/// One silo's limiter against a coordinator the test controls: the order waiters are served in, cancellation, a 429's
/// pause, a coordinator that is gone for a while, and the unlimited mode's cost.
/// </summary>
public sealed class ProviderLimiterTests : IDisposable
{
    private const string Silo = "silo-under-test";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static readonly ProviderLimitSettings Configured = new("llm test key 1234abcd model m", 60, 0, TimeSpan.FromSeconds(2));
    private static readonly ProviderLimitSettings NotConfigured = new("llm test key 1234abcd model m", 0, 0, TimeSpan.FromSeconds(2));
    private readonly CancellationTokenSource _stopping = new();

    [Fact]
    public async Task Waiters_are_served_in_the_order_they_came()
    {
        var coordinator = new ScriptedLimitCoordinator();
        var limiter = Limiter(Configured, coordinator);
        var waits = Enumerable.Range(0, 6).Select(_ => Acquire(limiter)).ToList();
        Assert.Equal(6, limiter.Waiting);

        for (var served = 1; served <= waits.Count; served++)
        {
            coordinator.Allow(1);
            await Eventually.TrueAsync(() => waits.Count(w => w.IsCompleted) == served, Deadline, $"waiter {served} to be served");
            Assert.All(waits.Take(served), w => Assert.True(w.IsCompletedSuccessfully));
            Assert.All(waits.Skip(served), w => Assert.False(w.IsCompleted));
        }

        Assert.Equal(0, limiter.Waiting);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_and_the_waiters_behind_it_are_still_served()
    {
        var coordinator = new ScriptedLimitCoordinator();
        var limiter = Limiter(Configured, coordinator);
        using var cancel = new CancellationTokenSource();
        var listener = new PermitWaitCounter();
        var first = Acquire(limiter);
        var second = limiter.AcquireAsync(PromptSize.None, listener, cancel.Token).AsTask();
        var third = Acquire(limiter);
        Assert.True(listener.Waiting);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        Assert.False(listener.Waiting);
        Assert.Equal(2, limiter.Waiting);

        // One permit each: had the cancelled waiter stayed in the queue, the second permit would have gone to it.
        coordinator.Allow(1);
        await first.WaitAsync(Deadline);
        Assert.False(third.IsCompleted);
        coordinator.Allow(1);
        await third.WaitAsync(Deadline);
        Assert.Equal(0, limiter.Waiting);
    }

    [Fact]
    public async Task A_429_holds_every_waiter_until_its_hint_has_passed_and_is_reported_to_the_coordinator()
    {
        var time = new FakeTimeProvider();
        var coordinator = new ScriptedLimitCoordinator();
        var limiter = Limiter(Configured, coordinator, time);
        var waiting = Enumerable.Range(0, 3).Select(_ => Acquire(limiter)).ToList();

        limiter.OnRateLimited(TimeSpan.FromSeconds(10));
        coordinator.GrantAll = true;
        var late = Acquire(limiter);

        var report = Assert.Single(await Eventually.ReturnsAsync(
            () => Task.FromResult(coordinator.Reports), reports => reports.Count > 0, Deadline, "the 429 to be reported"));
        Assert.Equal(Silo, report.Silo);
        Assert.Equal(TimeSpan.FromSeconds(10), report.RetryAfter);

        // The coordinator would grant everything now; still nobody may go before the hint, however often the pump runs.
        var all = waiting.Append(late).ToList();
        var held = TimeSpan.Zero;
        await Eventually.TrueAsync(() =>
        {
            Assert.DoesNotContain(all, w => w.IsCompleted);
            held += TimeSpan.FromMilliseconds(250);
            time.Advance(TimeSpan.FromMilliseconds(250));
            return held >= TimeSpan.FromSeconds(9.5);
        }, Deadline, "the clock to reach the end of the pause");
        Assert.DoesNotContain(all, w => w.IsCompleted);

        await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            return all.All(w => w.IsCompletedSuccessfully);
        }, Deadline, "every waiter to be served once the hint has passed");
        Assert.Equal(0, limiter.Waiting);
    }

    [Fact]
    public async Task A_coordinator_that_fails_does_not_fail_the_waiters_they_are_served_once_it_answers_again()
    {
        var coordinator = new ScriptedLimitCoordinator { Failing = true };
        var limiter = Limiter(Configured, coordinator);
        var waits = Enumerable.Range(0, 3).Select(_ => Acquire(limiter)).ToList();

        await Eventually.TrueAsync(() => coordinator.LeaseCalls >= 3, Deadline, "the limiter to keep asking the failed coordinator");
        // A 429 seen meanwhile cannot be reported either; that must not throw at the caller.
        limiter.OnRateLimited(TimeSpan.FromMilliseconds(100));
        await Eventually.TrueAsync(() => coordinator.Reports.Count == 1, Deadline, "the report to be attempted");
        Assert.All(waits, w => Assert.False(w.IsCompleted));
        Assert.Equal(3, limiter.Waiting);

        coordinator.Failing = false;
        coordinator.GrantAll = true;

        await Task.WhenAll(waits).WaitAsync(Deadline);
        Assert.All(waits, w => Assert.True(w.IsCompletedSuccessfully));
    }

    [Fact]
    public async Task Without_a_limit_calls_pass_at_once_without_a_lease_each()
    {
        var coordinator = new ScriptedLimitCoordinator { Unlimited = true };
        var limiter = Limiter(NotConfigured, coordinator);

        for (var i = 0; i < 1_000; i++)
        {
            var permit = limiter.AcquireAsync(new PromptSize(400, 120), null, CancellationToken.None);
            Assert.True(permit.IsCompletedSuccessfully, $"call {i} had to wait");
            await permit;
            limiter.Completed(rateLimited: false);
        }

        // The pump still checks in (to hear of a 429 elsewhere in the cluster), but not per call.
        await Eventually.TrueAsync(() => coordinator.LeaseCalls >= 1, Deadline, "the limiter to check in with the coordinator");
        Assert.InRange(coordinator.LeaseCalls, 1, 10);
        Assert.Equal(0, limiter.Waiting);
    }

    [Fact]
    public async Task Without_a_limit_a_silo_starts_slow_and_opens_up_with_every_answer_that_is_not_a_429()
    {
        var limiter = Limiter(NotConfigured, new ScriptedLimitCoordinator { Unlimited = true });

        var first = Enumerable.Range(0, ProviderLimiter.SlowStartWindow).Select(_ => Acquire(limiter)).ToList();
        Assert.All(first, permit => Assert.True(permit.IsCompletedSuccessfully));
        var queued = Enumerable.Range(0, 3).Select(_ => Acquire(limiter)).ToList();
        Assert.All(queued, permit => Assert.False(permit.IsCompleted));
        Assert.Equal(3, limiter.Waiting);

        // One answer frees its place and widens the window by one: two of the three queued calls go.
        limiter.Completed(rateLimited: false);
        await Task.WhenAll(queued.Take(2));
        Assert.False(queued[2].IsCompleted);

        // A 429 frees the place but does not widen the window.
        limiter.Completed(rateLimited: true);
        await queued[2];
        Assert.False(Acquire(limiter).IsCompleted);
    }

    [Fact]
    public async Task A_silo_reports_its_slow_start_answers_and_opens_up_when_the_cluster_says_slow_start_is_over()
    {
        var coordinator = new ScriptedLimitCoordinator { Unlimited = true };
        var limiter = Limiter(NotConfigured, coordinator);
        var first = Enumerable.Range(0, ProviderLimiter.SlowStartWindow).Select(_ => Acquire(limiter)).ToList();
        Assert.All(first, permit => Assert.True(permit.IsCompletedSuccessfully));
        for (var answer = 0; answer < 5; answer++)
        {
            limiter.Completed(rateLimited: false);
        }

        limiter.Completed(rateLimited: true);
        var queued = Enumerable.Range(0, 50).Select(_ => Acquire(limiter)).ToList();
        await Eventually.TrueAsync(() => coordinator.SlowStartAnswersReported == 5, Deadline, "the five answers without a 429 to be reported");
        Assert.Contains(queued, permit => !permit.IsCompleted);

        coordinator.SlowStartOver = true;

        // Woken by a new call, the limiter leases, hears it, and lets every call waiting here go.
        await Acquire(limiter).WaitAsync(Deadline);
        await Task.WhenAll(queued).WaitAsync(Deadline);
        Assert.Equal(0, limiter.Waiting);
        Assert.True(Acquire(limiter).IsCompletedSuccessfully);
    }

    public void Dispose()
    {
        // Stops the limiters' pumps, which would otherwise idle on for a while after the test.
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private static Task Acquire(ProviderLimiter limiter) => limiter.AcquireAsync(PromptSize.None, null, CancellationToken.None).AsTask();

    private ProviderLimiter Limiter(ProviderLimitSettings settings, IProviderLimitGrain coordinator, TimeProvider? time = null) =>
        new(settings, coordinator, new TokenCostEstimator(), Silo, time ?? TimeProvider.System, NullLogger.Instance, _stopping.Token);
}
