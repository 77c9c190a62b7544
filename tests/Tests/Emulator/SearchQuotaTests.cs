using PersonalizedLine.ProviderEmulator;
using EmulatorServer = PersonalizedLine.ProviderEmulator.ProviderEmulator;

namespace PersonalizedLine.Tests.EmulatorTests;

/// <summary>The quota on Serper's <c>/search</c>: requests only, Serper's 429 body, no Groq headers.</summary>
public sealed class SearchQuotaTests
{
    [Fact]
    public async Task Search_429_has_Serpers_body_and_no_retry_after_when_SendRetryAfter_is_false()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        // A token limit means nothing to search: even zero tokens must not turn a search away.
        emulator.Search.Quota = new QuotaPolicy { RequestsPerWindow = 1, TokensPerWindow = 0, SendRetryAfter = false };

        var admitted = await calls.SearchAsync("key-a");
        var rejected = await calls.SearchAsync("key-a");

        Assert.Equal(200, admitted.Status);
        Assert.Equal(429, rejected.Status);
        Assert.Equal("Too many requests", rejected.Body.GetProperty("message").GetString());
        Assert.Equal(429, rejected.Body.GetProperty("statusCode").GetInt32());
        Assert.Null(rejected.Header("retry-after"));
        Assert.DoesNotContain(rejected.Headers.Keys, name => name.StartsWith("x-ratelimit", StringComparison.Ordinal));
        Assert.Equal(1, emulator.Search.AdmittedRequests);
        Assert.Equal(1, emulator.Search.QuotaRejections);
        Assert.Equal(1, emulator.Search.RateLimitedAnswers);
        Assert.Equal(0, emulator.Llm.TotalRequests);
    }

    [Fact]
    public async Task Search_429_carries_retry_after_by_default_and_keys_are_separate()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        emulator.Search.Quota = new QuotaPolicy { RequestsPerWindow = 1 };

        Assert.Equal(200, (await calls.SearchAsync("key-a")).Status);
        var rejected = await calls.SearchAsync("key-a");
        Assert.Equal(200, (await calls.SearchAsync("key-b")).Status);

        Assert.Equal(429, rejected.Status);
        Assert.InRange(rejected.RetryAfterSeconds, 1, 61);
    }
}
