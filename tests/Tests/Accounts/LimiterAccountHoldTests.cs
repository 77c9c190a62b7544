using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PersonalizedLine.Grains.Interfaces.Providers;
using PersonalizedLine.Grains.Limits;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Tests.Limits;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Accounts;

/// <summary>One silo's limiter once its key met an account problem: waiting calls halt, new ones are not sent, until the hold ends.</summary>
public sealed class LimiterAccountHoldTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static readonly ProviderLimitSettings Configured = new("llm test key 1234abcd model m", 60, 0, TimeSpan.FromSeconds(2));
    private static readonly AccountProblem Revoked = new(
        AccountProblemKind.InvalidKey, AccountProvider.Llm, Configured.Key, "LLM rejected the API key (HTTP 401 Unauthorized).", 401);

    private readonly CancellationTokenSource _stopping = new();

    [Fact]
    public async Task Waiting_calls_halt_with_the_problem_and_new_ones_fail_until_the_hold_ends()
    {
        var time = new FakeTimeProvider();
        var coordinator = new ScriptedLimitCoordinator();
        var limiter = new ProviderLimiter(Configured, coordinator, new TokenCostEstimator(), "silo", time, NullLogger.Instance, _stopping.Token);
        var waiting = Enumerable.Range(0, 3).Select(_ => limiter.AcquireAsync(PromptSize.None, null, CancellationToken.None).AsTask()).ToList();
        Assert.Equal(3, limiter.Waiting);

        limiter.HoldForAccount(Revoked, TimeSpan.FromMinutes(1));

        foreach (var wait in waiting)
        {
            var halted = await Assert.ThrowsAsync<ProviderAccountException>(() => wait);
            Assert.Same(Revoked, halted.Problem);
        }

        Assert.Equal(0, limiter.Waiting);
        Assert.Same(Revoked, limiter.AccountHold);
        coordinator.GrantAll = true;
        await Assert.ThrowsAsync<ProviderAccountException>(() => limiter.AcquireAsync(PromptSize.None, null, CancellationToken.None).AsTask());

        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(limiter.AccountHold);
        var after = limiter.AcquireAsync(PromptSize.None, null, CancellationToken.None).AsTask();
        await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            return after.IsCompletedSuccessfully;
        }, Deadline, "a permit once the hold is over");
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }
}
