using PersonalizedLine.Grains.Providers;
using PersonalizedLine.ProviderEmulator;

namespace PersonalizedLine.Tests.Providers;

/// <summary>The real Serper client, resilience pipeline and summary, against the emulator over HTTP.</summary>
public sealed class SerperResearchProviderTests
{
    [Fact]
    public async Task Success_returns_condensed_summary_and_one_search_call()
    {
        await using var host = await ProviderTestHost.StartAsync();

        var findings = await host.Research.ResearchAsync("Acme Robotics", CancellationToken.None);

        Assert.False(host.Research.IsOffline);
        Assert.Equal(1, findings.SearchCalls);
        Assert.StartsWith("Acme Robotics (Company, https://acme-robotics.example): ", findings.Summary, StringComparison.Ordinal);
        Assert.Contains(DefaultAnswers.DescriptionFor("Acme Robotics"), findings.Summary, StringComparison.Ordinal);
        var request = Assert.Single(host.Emulator.Search.Requests);
        Assert.Equal("Acme Robotics", request.Text);
        Assert.Equal(ProviderTestHost.SearchKey, request.Credential);
        Assert.Contains("\"gl\":\"us\"", request.Body, StringComparison.Ordinal);
        Assert.Contains("\"num\":5", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_is_capped_at_SummaryMaxChars()
    {
        await using var host = await ProviderTestHost.StartAsync(s => s["Research:SummaryMaxChars"] = "80");
        host.Emulator.Search.EnqueueFaults(Fault.Content(string.Join(' ', Enumerable.Repeat("robots", 100))));

        var findings = await host.Research.ResearchAsync("Acme Robotics", CancellationToken.None);

        Assert.InRange(findings.Summary.Length, 40, 80);
        Assert.EndsWith("…", findings.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_error_then_success_is_retried()
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Search.EnqueueFaults(Fault.Status(503));

        var findings = await host.Research.ResearchAsync("Acme Robotics", CancellationToken.None);

        Assert.Contains("Acme Robotics", findings.Summary, StringComparison.Ordinal);
        Assert.Equal(2, host.Emulator.Search.TotalRequests);
    }

    [Fact]
    public async Task Rate_limit_without_retry_after_waits_the_fallback_delay()
    {
        await using var host = await ProviderTestHost.StartAsync(s => s["Research:RateLimitFallbackDelay"] = "00:00:00.400");
        host.Emulator.Search.EnqueueFaults(Fault.RateLimited());

        await host.Research.ResearchAsync("Acme Robotics", CancellationToken.None);

        var requests = host.Emulator.Search.Requests;
        Assert.Equal(2, requests.Count);
        Assert.True(requests[1].SinceStart - requests[0].SinceStart >= TimeSpan.FromMilliseconds(390),
            $"second attempt came after {requests[1].SinceStart - requests[0].SinceStart}");
    }

    [Fact]
    public async Task Rate_limit_waits_do_not_use_up_failure_retries()
    {
        await using var host = await ProviderTestHost.StartAsync(s =>
        {
            s["Research:MaxRetries"] = "1";
            s["Research:RateLimitFallbackDelay"] = "00:00:01";
        });
        host.Emulator.Search.EnqueueFaults(Fault.RateLimited(), Fault.RateLimited(), Fault.RateLimited(), Fault.Status(500));

        await host.Research.ResearchAsync("Acme Robotics", CancellationToken.None);

        Assert.Equal(5, host.Emulator.Search.TotalRequests);
    }

    [Fact]
    public async Task Rate_limit_that_never_ends_fails_after_the_wait_budget()
    {
        await using var host = await ProviderTestHost.StartAsync(s => s["Research:MaxRateLimitWaits"] = "2");
        host.Emulator.Search.FaultEveryNth = 1;
        host.Emulator.Search.PeriodicFault = Fault.RateLimited();

        var error = await Assert.ThrowsAsync<ProviderCallException>(() => host.Research.ResearchAsync("Acme", CancellationToken.None));

        Assert.StartsWith("Search API rate limit still exceeded after 2 waits (HTTP 429).", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, host.Emulator.Search.TotalRequests);
    }

    [Fact]
    public async Task Garbage_body_is_retried()
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Search.EnqueueFaults(Fault.Garbage());

        var findings = await host.Research.ResearchAsync("Acme Robotics", CancellationToken.None);

        Assert.Contains("Acme Robotics", findings.Summary, StringComparison.Ordinal);
        Assert.Equal(2, host.Emulator.Search.TotalRequests);
    }

    [Fact]
    public async Task Hung_attempt_times_out_and_the_retry_succeeds()
    {
        // Long enough that the retry's answer comes well inside it on a busy machine, or the retry would time out too.
        await using var host = await ProviderTestHost.StartAsync(s => s["Research:AttemptTimeout"] = "00:00:02");
        host.Emulator.Search.EnqueueFaults(Fault.Hang());

        var findings = await host.Research.ResearchAsync("Acme Robotics", CancellationToken.None);

        Assert.Contains("Acme Robotics", findings.Summary, StringComparison.Ordinal);
        var requests = host.Emulator.Search.Requests;
        Assert.Equal(2, requests.Count);
        // The timeout runs from the send, the gap from the first attempt's arrival: half the timeout leaves room for a slow send.
        Assert.True(requests[1].SinceStart - requests[0].SinceStart >= TimeSpan.FromSeconds(1),
            $"the retry came {requests[1].SinceStart - requests[0].SinceStart} after the hung attempt, well before its timeout");
    }

    [Fact]
    public async Task Persistent_server_error_fails_after_MaxRetries_plus_one_attempts()
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Search.FaultEveryNth = 1;

        var error = await Assert.ThrowsAsync<ProviderCallException>(() => host.Research.ResearchAsync("Acme", CancellationToken.None));

        Assert.StartsWith("Search API returned HTTP 500 after 4 attempts.", error.Message, StringComparison.Ordinal);
        Assert.Contains("Emulated failure 500.", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, host.Emulator.Search.TotalRequests);
    }

    [Fact]
    public async Task Wrong_key_fails_at_once_and_names_the_setting()
    {
        await using var host = await ProviderTestHost.StartAsync(s => s["Research:ApiKey"] = "wrong-key");

        var error = await Assert.ThrowsAsync<ProviderAccountException>(() => host.Research.ResearchAsync("Acme", CancellationToken.None));

        Assert.StartsWith("Search API rejected the API key (HTTP 403 Forbidden). Check Research__ApiKey / SERPER_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(" Provider said: Unauthorized.", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Emulator.Search.TotalRequests);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_translated()
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Search.EnqueueFaults(Fault.Hang());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Research.ResearchAsync("Acme", cancellation.Token));
    }
}
