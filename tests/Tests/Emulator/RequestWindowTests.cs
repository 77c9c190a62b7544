using PersonalizedLine.ProviderEmulator;
using PersonalizedLine.Tests.Support;
using EmulatorServer = PersonalizedLine.ProviderEmulator.ProviderEmulator;

namespace PersonalizedLine.Tests.EmulatorTests;

/// <summary>The emulator's per-credential request window, seen from outside like a provider's RPM limit.</summary>
public sealed class RequestWindowTests
{
    [Fact]
    public async Task Request_window_admits_exactly_the_limit_then_answers_429_with_retry_after_and_a_Groq_body()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        emulator.Llm.Quota = new QuotaPolicy { RequestsPerWindow = 3 };

        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(200, (await calls.ChatAsync("key-a", i)).Status);
        }

        var rejected = await calls.ChatAsync("key-a", 4);

        Assert.Equal(429, rejected.Status);
        Assert.InRange(rejected.RetryAfterSeconds, 1, 61);
        Assert.Equal("requests", rejected.ErrorType);
        Assert.Equal("rate_limit_exceeded", rejected.ErrorCode);
        Assert.StartsWith("Rate limit reached for model `llama-3.1-8b-instant`", rejected.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("on requests per minute (RPM): Limit 3, Used 3, Requested 1. Please try again in ", rejected.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(3, emulator.Llm.AdmittedRequests);
        Assert.Equal(1, emulator.Llm.QuotaRejections);
        Assert.Equal(1, emulator.Llm.RateLimitedAnswers);
        Assert.Equal(4, emulator.Llm.TotalRequests);
        Assert.Equal(429, emulator.Llm.Requests[^1].QuotaStatus);
        Assert.Null(emulator.Llm.Requests[0].QuotaStatus);
    }

    [Fact]
    public async Task Each_credential_has_its_own_window()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        emulator.Llm.Quota = new QuotaPolicy { RequestsPerWindow = 2 };

        Assert.Equal(200, (await calls.ChatAsync("key-a")).Status);
        Assert.Equal(200, (await calls.ChatAsync("key-a")).Status);
        Assert.Equal(429, (await calls.ChatAsync("key-a")).Status);
        Assert.Equal(200, (await calls.ChatAsync("key-b")).Status);
        Assert.Equal(200, (await calls.ChatAsync("key-b")).Status);
        Assert.Equal(429, (await calls.ChatAsync("key-b")).Status);

        Assert.Equal(4, emulator.Llm.AdmittedRequests);
        Assert.Equal(2, emulator.Llm.QuotaRejections);
    }

    [Fact]
    public async Task The_window_slides_and_waiting_retry_after_is_enough()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        // A window wide enough that the few calls below fit in it on a busy machine: a call slower than the window
        // would let the window slide under the test.
        var window = TimeSpan.FromSeconds(5);
        emulator.Llm.Quota = new QuotaPolicy { RequestsPerWindow = 2, Window = window };
        Assert.Equal(200, (await calls.ChatAsync("key-a")).Status);
        Assert.Equal(200, (await calls.ChatAsync("key-a")).Status);
        var rejected = await calls.ChatAsync("key-a");
        Assert.Equal(429, rejected.Status);
        Assert.InRange(rejected.RetryAfterSeconds, 1, (int)window.TotalSeconds + 1);

        // Rejected requests do not count, so probing until the oldest request has left the window is harmless.
        await Eventually.ReturnsAsync(() => calls.ChatAsync("key-a"), a => a.Status == 200, TimeSpan.FromSeconds(30), "a slot to free");

        // Fill the window again (the second request may have left it too), then Retry-After must say long enough.
        Answer again;
        var refills = 0;
        while ((again = await calls.ChatAsync("key-a")).Status == 200)
        {
            Assert.True(++refills <= 2, "a window of 2 admitted more than 2 requests");
        }

        Assert.Equal(429, again.Status);
        await Task.Delay(TimeSpan.FromSeconds(again.RetryAfterSeconds));
        Assert.Equal(200, (await calls.ChatAsync("key-a")).Status);
    }

    [Fact]
    public async Task Scripted_429s_count_in_RateLimitedAnswers_but_not_in_QuotaRejections()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        emulator.Llm.EnqueueFaults(Fault.RateLimited(TimeSpan.FromSeconds(1)), Fault.Status(429));

        Assert.Equal(429, (await calls.ChatAsync("key-a")).Status);
        Assert.Equal(429, (await calls.ChatAsync("key-a")).Status);
        Assert.Equal(200, (await calls.ChatAsync("key-a")).Status);

        Assert.Equal(2, emulator.Llm.RateLimitedAnswers);
        Assert.Equal(0, emulator.Llm.QuotaRejections);
        Assert.Equal(3, emulator.Llm.AdmittedRequests);
    }

    [Fact]
    public async Task A_request_turned_away_by_the_quota_does_not_use_up_a_scripted_fault()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var calls = new EmulatorCalls(emulator);
        emulator.Llm.Quota = new QuotaPolicy { RequestsPerWindow = 1 };
        Assert.Equal(200, (await calls.ChatAsync("key-a")).Status);
        emulator.Llm.EnqueueFaults(Fault.Status(503));

        Assert.Equal(429, (await calls.ChatAsync("key-a")).Status);
        Assert.Equal(1, emulator.Llm.PendingFaults);
        Assert.Equal(503, (await calls.ChatAsync("key-b")).Status);
    }

    [Fact]
    public async Task Requests_with_a_wrong_key_are_not_charged()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { LlmApiKey = "right" });
        using var calls = new EmulatorCalls(emulator);
        emulator.Llm.Quota = new QuotaPolicy { RequestsPerWindow = 1 };

        Assert.Equal(401, (await calls.ChatAsync("wrong")).Status);
        Assert.Equal(401, (await calls.ChatAsync("wrong")).Status);
        Assert.Equal(200, (await calls.ChatAsync("right")).Status);

        Assert.Equal(1, emulator.Llm.AdmittedRequests);
        Assert.Equal(0, emulator.Llm.QuotaRejections);
    }
}
