using PersonalizedLine.ProviderEmulator;
using PersonalizedLine.Tests.Support;
using EmulatorServer = PersonalizedLine.ProviderEmulator.ProviderEmulator;

namespace PersonalizedLine.Tests.EmulatorTests;

/// <summary>The admitted log and its queries, which tests use to measure how well the product holds a limit.</summary>
public sealed class AdmittedLogTests
{
    [Fact]
    public async Task MaxAdmittedInAnyWindow_and_AdmittedBetween_agree_with_a_count_over_the_admitted_log()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        var window = TimeSpan.FromSeconds(2);
        emulator.Llm.Quota = new QuotaPolicy { RequestsPerWindow = 3, Window = window };
        var n = 0;

        // Hammer the endpoint until the window has slid a couple of times.
        await Eventually.ReturnsAsync(
            async () => { await calls.ChatAsync("key-a", n: ++n, maxTokens: n % 7); return emulator.Llm.AdmittedRequests; },
            admitted => admitted >= 7, TimeSpan.FromSeconds(30), "seven admitted requests");

        var log = emulator.Llm.AdmittedLog;
        Assert.Equal(emulator.Llm.AdmittedRequests, log.Count);
        Assert.Equal(3, emulator.Llm.MaxAdmittedInAnyWindow(window).Requests);
        foreach (var span in new[] { TimeSpan.FromMilliseconds(300), window, TimeSpan.FromSeconds(3), TimeSpan.FromHours(1) })
        {
            Assert.Equal(CountMax(log, span), emulator.Llm.MaxAdmittedInAnyWindow(span));
        }

        Assert.Equal(new AdmittedTotals(log.Count, emulator.Llm.AdmittedTokens), emulator.Llm.MaxAdmittedInAnyWindow(TimeSpan.FromHours(1)));
        Assert.Equal(new AdmittedTotals(log.Count, emulator.Llm.AdmittedTokens), emulator.Llm.AdmittedBetween(TimeSpan.Zero, emulator.Elapsed + TimeSpan.FromSeconds(1)));
        Assert.Equal(
            new AdmittedTotals(3, log.Skip(2).Take(3).Sum(a => a.Tokens)),
            emulator.Llm.AdmittedBetween(log[2].SinceStart, log[5].SinceStart));
    }

    [Fact]
    public async Task Requests_are_logged_without_a_quota_too()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);

        await calls.ChatAsync("key-a", maxTokens: 10);
        await calls.SearchAsync("key-a");

        Assert.Equal(EmulatorCalls.PromptTokens(1) + 10, Assert.Single(emulator.Llm.AdmittedLog).Tokens);
        Assert.Equal(0, Assert.Single(emulator.Search.AdmittedLog).Tokens);
        Assert.Equal(1, emulator.Search.AdmittedRequests);
    }

    [Fact]
    public async Task ResetCounters_clears_counters_log_and_windows_but_keeps_the_quota()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        emulator.Llm.Quota = new QuotaPolicy { RequestsPerWindow = 1 };
        Assert.Equal(200, (await calls.ChatAsync("key-a")).Status);
        Assert.Equal(429, (await calls.ChatAsync("key-a")).Status);

        emulator.ResetCounters();

        Assert.Equal(0, emulator.Llm.AdmittedRequests);
        Assert.Equal(0, emulator.Llm.AdmittedTokens);
        Assert.Equal(0, emulator.Llm.QuotaRejections);
        Assert.Equal(0, emulator.Llm.RateLimitedAnswers);
        Assert.Empty(emulator.Llm.AdmittedLog);
        Assert.Equal(200, (await calls.ChatAsync("key-a")).Status);
        Assert.Equal(429, (await calls.ChatAsync("key-a")).Status);
    }

    [Fact]
    public async Task Reset_removes_the_quota()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        emulator.Llm.Quota = new QuotaPolicy { RequestsPerWindow = 1 };
        emulator.Search.Quota = new QuotaPolicy { RequestsPerWindow = 1 };

        emulator.Reset();

        Assert.Null(emulator.Llm.Quota);
        Assert.Null(emulator.Search.Quota);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(200, (await calls.ChatAsync("key-a")).Status);
        }
    }

    [Fact]
    public void Quota_policy_rejects_impossible_settings_and_has_Groq_free_tier_defaults()
    {
        var policy = new QuotaPolicy();

        Assert.Null(policy.RequestsPerWindow);
        Assert.Null(policy.TokensPerWindow);
        Assert.Equal(TimeSpan.FromSeconds(60), policy.Window);
        Assert.Equal(14_400, policy.RequestsPerDay);
        Assert.True(policy.SendRetryAfter);
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuotaPolicy { Window = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuotaPolicy { RequestsPerWindow = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuotaPolicy { TokensPerWindow = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new QuotaPolicy { RequestsPerDay = 0 });
    }

    // The definition, counted the slow way: for each admitted request, what came in the span starting with it.
    private static AdmittedTotals CountMax(IReadOnlyList<AdmittedRequest> log, TimeSpan span)
    {
        long requests = 0, tokens = 0;
        foreach (var start in log)
        {
            var inside = log.Where(a => a.SinceStart >= start.SinceStart && a.SinceStart < start.SinceStart + span).ToList();
            requests = Math.Max(requests, inside.Count);
            tokens = Math.Max(tokens, inside.Sum(a => (long)a.Tokens));
        }

        return new AdmittedTotals(requests, tokens);
    }
}
