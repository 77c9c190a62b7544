using PersonalizedLine.ProviderEmulator;
using EmulatorServer = PersonalizedLine.ProviderEmulator.ProviderEmulator;

namespace PersonalizedLine.Tests.EmulatorTests;

/// <summary>Groq's <c>x-ratelimit-*</c> headers computed from the quota, as a client reading them would see them.</summary>
public sealed class GroqHeaderTests
{
    [Fact]
    public async Task Groq_headers_are_on_every_answer_with_consistent_remaining_values()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        emulator.Llm.Quota = new QuotaPolicy { TokensPerWindow = 10_000, RequestsPerDay = 100 };
        var cost = EmulatorCalls.PromptTokens(1) + 100;

        for (var i = 1; i <= 3; i++)
        {
            var answer = await calls.ChatAsync("key-a", maxTokens: 100);

            Assert.Equal(200, answer.Status);
            Assert.Equal("100", answer.Header("x-ratelimit-limit-requests"));
            Assert.Equal("10000", answer.Header("x-ratelimit-limit-tokens"));
            Assert.Equal(100 - i, answer.LongHeader("x-ratelimit-remaining-requests"));
            Assert.Equal(10_000 - (i * cost), answer.LongHeader("x-ratelimit-remaining-tokens"));
            Assert.Equal("0s", answer.Header("x-ratelimit-reset-tokens"));
            // One daily request frees every day / 100 = 14m24s; only seconds have passed since the first.
            Assert.InRange(answer.DurationHeader("x-ratelimit-reset-requests"), TimeSpan.FromMinutes(13), TimeSpan.FromSeconds(864));
            Assert.Null(answer.Header("retry-after"));
        }

        Assert.Equal("14m24s", (await calls.ChatAsync("key-b", maxTokens: 100)).Header("x-ratelimit-reset-requests"));
    }

    [Fact]
    public async Task Reset_tokens_says_when_the_next_request_fits_and_matches_retry_after_on_a_429()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        var cost = EmulatorCalls.PromptTokens(1) + 100;
        emulator.Llm.Quota = new QuotaPolicy { TokensPerWindow = (2 * cost) + (cost / 2) };

        var first = await calls.ChatAsync("key-a", maxTokens: 100);
        var second = await calls.ChatAsync("key-a", maxTokens: 100);
        var third = await calls.ChatAsync("key-a", maxTokens: 100);

        Assert.Equal("0s", first.Header("x-ratelimit-reset-tokens"));
        Assert.InRange(second.DurationHeader("x-ratelimit-reset-tokens"), TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(61));
        Assert.Equal(cost / 2, second.LongHeader("x-ratelimit-remaining-tokens"));
        Assert.Equal(429, third.Status);
        Assert.Equal(cost / 2, third.LongHeader("x-ratelimit-remaining-tokens"));
        Assert.Equal("0s", third.Header("x-ratelimit-reset-requests"));
        var resetTokens = third.DurationHeader("x-ratelimit-reset-tokens");
        Assert.InRange(resetTokens, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(61));
        Assert.Equal((int)Math.Ceiling(resetTokens.TotalSeconds), third.RetryAfterSeconds);
        Assert.Contains($"Please try again in {third.Header("x-ratelimit-reset-tokens")}.", third.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_window_429_says_when_in_reset_requests()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        emulator.Llm.Quota = new QuotaPolicy { RequestsPerWindow = 1, TokensPerWindow = 10_000 };

        Assert.Equal(200, (await calls.ChatAsync("key-a")).Status);
        var rejected = await calls.ChatAsync("key-a");

        Assert.Equal(429, rejected.Status);
        Assert.Equal("0s", rejected.Header("x-ratelimit-reset-tokens"));
        var resetRequests = rejected.DurationHeader("x-ratelimit-reset-requests");
        Assert.InRange(resetRequests, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(61));
        Assert.Equal((int)Math.Ceiling(resetRequests.TotalSeconds), rejected.RetryAfterSeconds);
    }

    [Fact]
    public async Task Without_a_quota_generous_example_headers_stay_and_a_quota_without_tokens_sends_no_token_headers()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);

        var unlimited = await calls.ChatAsync("key-a");
        Assert.Equal("14400", unlimited.Header("x-ratelimit-limit-requests"));
        // A plan nothing enforces never looks spent: a client must not hold back for it.
        Assert.Equal("10000000", unlimited.Header("x-ratelimit-limit-tokens"));
        Assert.Equal(10_000_000 - 120, unlimited.LongHeader("x-ratelimit-remaining-tokens"));

        emulator.Llm.Quota = new QuotaPolicy { RequestsPerWindow = 30 };
        var requestsOnly = await calls.ChatAsync("key-a");
        Assert.Equal("14400", requestsOnly.Header("x-ratelimit-limit-requests"));
        Assert.Equal(14_399, requestsOnly.LongHeader("x-ratelimit-remaining-requests"));
        Assert.Null(requestsOnly.Header("x-ratelimit-limit-tokens"));
        Assert.Null(requestsOnly.Header("x-ratelimit-remaining-tokens"));
    }
}
