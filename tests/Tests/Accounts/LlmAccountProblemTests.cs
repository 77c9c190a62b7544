using PersonalizedLine.Grains.Interfaces.Providers;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.ProviderEmulator;
using PersonalizedLine.Tests.Providers;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Accounts;

/// <summary>The real chat client and resilience pipeline meeting a refused account at the emulator.</summary>
public sealed class LlmAccountProblemTests
{
    [Theory]
    [InlineData("invalid-key-401")]
    [InlineData("payment-required-402")]
    [InlineData("permission-denied-403")]
    [InlineData("insufficient-quota-429")]
    [InlineData("daily-quota-429-retry-after")]
    [InlineData("daily-quota-429-groq-headers")]
    public async Task An_account_fault_is_classified_and_not_retried(string fault)
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Llm.EnqueueFaults(AccountFaultScript.For(fault));

        var error = await Assert.ThrowsAsync<ProviderAccountException>(() => host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None));

        var problem = error.Problem;
        Assert.Equal(AccountFaultScript.KindOf(fault), problem.Kind);
        Assert.Equal(AccountProvider.Llm, problem.Provider);
        Assert.Equal(AccountFaultScript.StatusOf(fault), problem.HttpStatus);
        Assert.StartsWith("llm 127.0.0.1:", problem.LimitKey, StringComparison.Ordinal);
        Assert.EndsWith(" model llama-3.1-8b-instant", problem.LimitKey, StringComparison.Ordinal);
        Assert.DoesNotContain(ProviderTestHost.LlmKey, problem.LimitKey, StringComparison.Ordinal);
        Assert.Equal(problem.Message, error.Message);
        Assert.Contains("Llm__ApiKey / GROQ_API_KEY", problem.Message, StringComparison.Ordinal);
        // The host allows 3 failure retries and 3 rate-limit waits: one request means none of them was spent.
        Assert.Equal(1, host.Emulator.Llm.TotalRequests);
    }

    [Fact]
    public async Task A_revoked_key_names_the_setting_and_the_provider_words()
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Llm.EnqueueFaults(Fault.InvalidApiKey());

        var error = await Assert.ThrowsAsync<ProviderAccountException>(() => host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None));

        Assert.Equal(
            "LLM rejected the API key (HTTP 401 Unauthorized). Check Llm__ApiKey / GROQ_API_KEY, then resume the job. Provider said: Invalid API Key",
            error.Message);
        Assert.Null(error.Problem.ResetsAt);
    }

    [Fact]
    public async Task A_daily_quota_says_when_it_resets()
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Llm.EnqueueFaults(Fault.DailyQuotaExhausted(AccountFaultScript.DailyReset, sendRetryAfter: false));
        var before = DateTimeOffset.UtcNow;

        var error = await Assert.ThrowsAsync<ProviderAccountException>(() => host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None));

        Assert.StartsWith(
            "LLM quota is used up until it resets in 2h3m (HTTP 429, x-ratelimit-reset-requests with x-ratelimit-remaining-requests 0). Resume the job after that",
            error.Message, StringComparison.Ordinal);
        Assert.Contains("Provider said: Rate limit reached on requests per day (RPD)", error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Problem.ResetsAt!.Value, before + AccountFaultScript.DailyReset, DateTimeOffset.UtcNow + AccountFaultScript.DailyReset);
    }

    [Fact]
    public async Task Out_of_credit_says_insufficient_quota()
    {
        await using var host = await ProviderTestHost.StartAsync();
        host.Emulator.Llm.EnqueueFaults(Fault.InsufficientQuota());

        var error = await Assert.ThrowsAsync<ProviderAccountException>(() => host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None));

        Assert.Equal(
            "LLM account is out of credit (HTTP 429, insufficient_quota). Add credit or raise the spending limit of the account behind Llm__ApiKey / GROQ_API_KEY, " +
            "then resume the job. Provider said: You exceeded your current quota, please check your plan and billing details.",
            error.Message);
    }

    [Fact]
    public async Task An_ordinary_rate_limit_is_still_waited_out_and_retried()
    {
        await using var host = await ProviderTestHost.StartAsync();
        // A per-minute 429 as Groq sends it: a short reset, while the day's request counter (reset in 2m59.56s) still has room.
        host.Emulator.Llm.EnqueueFaults(Fault.RateLimited(retryAfter: null, groqResetHeader: "300ms"), Fault.RateLimited(retryAfter: TimeSpan.FromSeconds(1)));

        var draft = await host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None);

        Assert.Contains("Ada", draft.Text, StringComparison.Ordinal);
        Assert.Equal(2, draft.RateLimitedAnswers);
        Assert.Equal(3, host.Emulator.Llm.TotalRequests);
    }

    [Fact]
    public async Task After_a_revoked_key_this_silo_sends_nothing_on_it_until_the_hold_ends()
    {
        await using var host = await ProviderTestHost.StartAsync(s => s["Llm:AccountFaultHold"] = "00:10:00");
        host.Emulator.Llm.AccountFault = Fault.InvalidApiKey();
        var first = await Assert.ThrowsAsync<ProviderAccountException>(() => host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None));

        // Restored at the provider, but the hold (ten minutes) is not over: the next rows halt without a request.
        host.Emulator.Llm.AccountFault = null;
        var second = await Assert.ThrowsAsync<ProviderAccountException>(() => host.Writer.WriteLineAsync(ProviderTestHost.Line("Grace"), CancellationToken.None));
        var third = await Assert.ThrowsAsync<ProviderAccountException>(() => host.Writer.WriteLineAsync(ProviderTestHost.Line("Linus"), CancellationToken.None));

        Assert.Equal(first.Problem, second.Problem);
        Assert.Equal(first.Problem, third.Problem);
        Assert.Equal(1, host.Emulator.Llm.TotalRequests);
    }

    [Fact]
    public async Task A_key_revoked_then_restored_works_again_once_the_hold_ends()
    {
        await using var host = await ProviderTestHost.StartAsync(s => s["Llm:AccountFaultHold"] = "00:00:01");
        host.Emulator.Llm.AccountFault = Fault.InvalidApiKey();
        await Assert.ThrowsAsync<ProviderAccountException>(() => host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None));

        host.Emulator.Llm.AccountFault = null;
        var line = await Eventually.ReturnsAsync(
            async () =>
            {
                try
                {
                    return (await host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None)).Text;
                }
                catch (ProviderAccountException)
                {
                    return null;
                }
            },
            text => text is not null, TimeSpan.FromSeconds(30), "a line once the key is restored");

        Assert.Contains("Ada", line, StringComparison.Ordinal);
        // The refused request and the one that succeeded: the polls inside the hold never reached the provider.
        Assert.Equal(2, host.Emulator.Llm.TotalRequests);
    }
}
