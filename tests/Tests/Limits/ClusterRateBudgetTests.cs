using Microsoft.Extensions.Time.Testing;
using PersonalizedLine.Grains.Interfaces.Limits;
using PersonalizedLine.Grains.Limits;

namespace PersonalizedLine.Tests.Limits;

public sealed class ClusterRateBudgetTests
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    [Fact]
    public void A_configured_request_limit_is_held_in_every_60_second_window_and_used_to_at_least_90_percent()
    {
        var time = new FakeTimeProvider();
        var budget = new ClusterRateBudget(time);
        var grants = new List<(TimeSpan At, int Requests)>();

        var elapsed = TimeSpan.Zero;
        for (; elapsed < TimeSpan.FromMinutes(5); elapsed += Step)
        {
            var grant = budget.Lease(Ask(requests: 64, waiting: 1_000, rpm: 600), "silo-1");
            Assert.False(grant.Unlimited);
            grants.Add((elapsed, grant.Requests));
            time.Advance(Step);
        }

        Assert.True(GrantWindows.MaxInWindow(grants, TimeSpan.FromSeconds(60)) <= 600, $"max in a window: {GrantWindows.MaxInWindow(grants, TimeSpan.FromSeconds(60))}");
        var total = grants.Sum(g => g.Requests);
        Assert.InRange(total, (int)(0.9 * 600 * 5), 600 * 5);
    }

    [Fact]
    public void Buckets_start_empty_so_a_fresh_coordinator_cannot_burst()
    {
        var time = new FakeTimeProvider();
        var budget = new ClusterRateBudget(time);

        var first = budget.Lease(Ask(requests: 64, waiting: 64, rpm: 600), "silo-1");

        Assert.Equal(0, first.Requests);
        Assert.True(first.AskAgainIn > TimeSpan.Zero);
    }

    [Fact]
    public void A_token_limit_is_held_in_every_window_and_partial_grants_are_topped_up_not_lost()
    {
        var time = new FakeTimeProvider();
        var budget = new ClusterRateBudget(time);
        var sent = new List<(TimeSpan At, int Requests)>();
        const long tokensEach = 500;
        long held = 0;

        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromMinutes(3); elapsed += Step)
        {
            // A silo with 100 requests of 500 tokens waiting asks for what the first ten need beyond what it holds.
            var grant = budget.Lease(Ask(requests: 10, waiting: 100, tpm: 60_000, tokens: Math.Max(0, (10 * tokensEach) - held), largest: tokensEach), "silo-1");
            held += grant.Tokens;
            var requests = (int)(held / tokensEach);
            held -= requests * tokensEach;
            sent.Add((elapsed, requests));
            time.Advance(Step);
        }

        var perWindow = GrantWindows.MaxInWindow(sent, TimeSpan.FromSeconds(60)) * tokensEach;
        Assert.True(perWindow <= 60_000, $"tokens in a window: {perWindow}");
        Assert.True(sent.Sum(g => g.Requests) * tokensEach >= 0.9 * 60_000 * 3);
    }

    [Fact]
    public void Silos_share_the_limit_by_the_rows_they_have_waiting()
    {
        var time = new FakeTimeProvider();
        var budget = new ClusterRateBudget(time);
        var bySilo = new Dictionary<string, int> { ["a"] = 0, ["b"] = 0, ["c"] = 0 };

        for (var i = 0; i < 3_000; i++)
        {
            foreach (var silo in bySilo.Keys.ToList())
            {
                bySilo[silo] += budget.Lease(Ask(requests: 64, waiting: 500, rpm: 1_200), silo).Requests;
            }

            time.Advance(Step);
        }

        var total = bySilo.Values.Sum();
        Assert.All(bySilo.Values, share => Assert.InRange(share, total / 3 * 0.8, total / 3 * 1.2));
    }

    [Fact]
    public void A_silo_that_stops_asking_loses_its_share_to_the_others()
    {
        var time = new FakeTimeProvider();
        var budget = new ClusterRateBudget(time);
        for (var i = 0; i < 100; i++)
        {
            budget.Lease(Ask(requests: 64, waiting: 500, rpm: 600), "dead");
            budget.Lease(Ask(requests: 64, waiting: 500, rpm: 600), "alive");
            time.Advance(Step);
        }

        // The dead silo's last grant lapses with it; after the active window the survivor gets the whole pace.
        time.Advance(TimeSpan.FromSeconds(6));
        var survivor = 0;
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromSeconds(60); elapsed += Step)
        {
            survivor += budget.Lease(Ask(requests: 64, waiting: 500, rpm: 600), "alive").Requests;
            time.Advance(Step);
        }

        Assert.InRange(survivor, 540, 600);
    }

    [Fact]
    public void A_429_pauses_every_grant_until_the_hint_and_halves_the_pace_once_per_event()
    {
        var time = new FakeTimeProvider();
        var budget = new ClusterRateBudget(time);
        Run(budget, time, TimeSpan.FromSeconds(10), rpm: 600);
        var before = budget.RequestsPerSecond;

        budget.RateLimited(new RateLimitSignal("silo-1", TimeSpan.FromSeconds(4), 10), "silo-1");
        budget.RateLimited(new RateLimitSignal("silo-2", TimeSpan.FromSeconds(4), 10), "silo-2");

        Assert.Equal(before / 2, budget.RequestsPerSecond, 3);
        Assert.Equal(0, Run(budget, time, TimeSpan.FromSeconds(3.9), rpm: 600));
        Assert.True(budget.Status("k").PausedUntil is not null);
        time.Advance(TimeSpan.FromSeconds(0.2));
        Assert.True(Run(budget, time, TimeSpan.FromSeconds(10), rpm: 600) > 0);
        Assert.Equal(2, budget.Status("k").RateLimitedAnswers);
    }

    [Fact]
    public void Without_a_configured_limit_requests_are_free_until_a_429_then_paced_at_half_the_rate_sent()
    {
        var time = new FakeTimeProvider();
        var budget = new ClusterRateBudget(time);
        var free = budget.Lease(Ask(requests: 0, waiting: 0, recentRate: 40), "a");
        budget.Lease(Ask(requests: 0, waiting: 0, recentRate: 60), "b");
        Assert.True(free.Unlimited);
        Assert.False(budget.Limited);

        budget.RateLimited(new RateLimitSignal("a", null, 40), "a");

        Assert.True(budget.Limited);
        Assert.Equal(50, budget.RequestsPerSecond, 3);
        Assert.False(budget.Lease(Ask(requests: 5, waiting: 5), "a").Unlimited);
    }

    [Fact]
    public void Slow_start_ends_for_every_silo_once_the_silos_together_got_enough_answers_without_a_429()
    {
        var budget = new ClusterRateBudget(new FakeTimeProvider());
        var needed = ProviderLimiter.SlowStartEnd - ProviderLimiter.SlowStartWindow;
        var third = needed / 3;

        Assert.False(budget.Lease(Ask(requests: 0, waiting: 0) with { SlowStartAnswers = third }, "a").SlowStartOver);
        Assert.False(budget.Lease(Ask(requests: 0, waiting: 0) with { SlowStartAnswers = third }, "b").SlowStartOver);
        Assert.False(budget.Lease(Ask(requests: 0, waiting: 0) with { SlowStartAnswers = needed - 2 * third - 1 }, "c").SlowStartOver);
        var last = budget.Lease(Ask(requests: 0, waiting: 0) with { SlowStartAnswers = 1 }, "c");

        Assert.True(last.Unlimited);
        Assert.True(last.SlowStartOver);
        // A silo that joins later hears it with its first lease, before it has had a single answer.
        Assert.True(budget.Lease(Ask(requests: 3, waiting: 3), "d").SlowStartOver);
    }

    [Fact]
    public void The_pace_climbs_back_additively_while_rows_wait_and_no_429_comes()
    {
        var time = new FakeTimeProvider();
        var budget = new ClusterRateBudget(time);
        budget.Lease(Ask(requests: 0, waiting: 0, recentRate: 100), "a");
        budget.RateLimited(new RateLimitSignal("a", TimeSpan.FromSeconds(1), 100), "a");
        Assert.Equal(50, budget.RequestsPerSecond, 3);

        Run(budget, time, TimeSpan.FromSeconds(31));

        // Five intervals of 5 s after the pause and the first interval: +5 % of the rate before the cut each time.
        Assert.InRange(budget.RequestsPerSecond, 60, 80);
    }

    private static int Run(ClusterRateBudget budget, FakeTimeProvider time, TimeSpan duration, int rpm = 0)
    {
        var granted = 0;
        for (var elapsed = TimeSpan.Zero; elapsed < duration; elapsed += Step)
        {
            granted += budget.Lease(Ask(requests: 64, waiting: 500, rpm: rpm), "silo-1").Requests;
            time.Advance(Step);
        }

        return granted;
    }

    private static PermitLeaseRequest Ask(
        int requests, int waiting, int rpm = 0, long tpm = 0, long tokens = 0, double recentRate = 0, long largest = 0) =>
        new("ignored", requests, tokens, waiting, rpm, tpm, recentRate, LargestRequestTokens: largest);
}
