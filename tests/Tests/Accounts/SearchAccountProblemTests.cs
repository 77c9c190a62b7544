using PersonalizedLine.Grains.Interfaces.Providers;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Tests.Providers;

namespace PersonalizedLine.Tests.Accounts;

/// <summary>The real Serper client and resilience pipeline meeting a refused account at the emulator.</summary>
public sealed class SearchAccountProblemTests
{
    [Theory]
    [InlineData("serper-unauthorized-403")]
    [InlineData("invalid-key-401")]
    [InlineData("payment-required-402")]
    [InlineData("insufficient-quota-429")]
    [InlineData("daily-quota-429-retry-after")]
    [InlineData("daily-quota-429-groq-headers")]
    public async Task An_account_fault_is_classified_and_not_retried(string fault)
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Search.EnqueueFaults(AccountFaultScript.For(fault));

        var error = await Assert.ThrowsAsync<ProviderAccountException>(() => host.Research.ResearchAsync("Acme Robotics", CancellationToken.None));

        Assert.Equal(AccountFaultScript.KindOf(fault), error.Problem.Kind);
        Assert.Equal(AccountProvider.Research, error.Problem.Provider);
        Assert.Equal(AccountFaultScript.StatusOf(fault), error.Problem.HttpStatus);
        Assert.StartsWith("search 127.0.0.1:", error.Problem.LimitKey, StringComparison.Ordinal);
        Assert.Contains("Research__ApiKey / SERPER_API_KEY", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, host.Emulator.Search.TotalRequests);
    }

    [Fact]
    public async Task A_wrong_key_is_an_invalid_key_that_names_the_setting()
    {
        await using var host = await ProviderTestHost.StartAsync(s => s["Research:ApiKey"] = "wrong-key");

        var error = await Assert.ThrowsAsync<ProviderAccountException>(() => host.Research.ResearchAsync("Acme", CancellationToken.None));

        Assert.Equal(
            "Search API rejected the API key (HTTP 403 Forbidden). Check Research__ApiKey / SERPER_API_KEY and that the key may use this endpoint, " +
            "then resume the job. Provider said: Unauthorized.",
            error.Message);
        Assert.Equal(1, host.Emulator.Search.TotalRequests);
    }

    [Fact]
    public async Task A_burst_429_without_any_hint_is_still_retried()
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Search.EnqueueFaults(ProviderEmulator.Fault.RateLimited());

        var findings = await host.Research.ResearchAsync("Acme Robotics", CancellationToken.None);

        Assert.Equal(1, findings.RateLimitedAnswers);
        Assert.Equal(2, host.Emulator.Search.TotalRequests);
    }
}
