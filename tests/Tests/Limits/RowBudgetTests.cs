using Microsoft.Extensions.Time.Testing;
using PersonalizedLine.Grains.Rows;

namespace PersonalizedLine.Tests.Limits;

public sealed class RowBudgetTests
{
    private static readonly string Limit = "llm example key none model m";

    [Fact]
    public void Time_spent_waiting_for_a_permit_is_not_counted()
    {
        var time = new FakeTimeProvider();
        using var budget = new RowBudget(TimeSpan.FromSeconds(10), time, CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(6));
        budget.WaitStarted(Limit);
        Assert.Equal(Limit, budget.WaitingOn);
        time.Advance(TimeSpan.FromHours(3));
        Assert.False(budget.IsSpent);
        budget.WaitEnded(Limit);
        Assert.Null(budget.WaitingOn);

        time.Advance(TimeSpan.FromSeconds(3.5));
        Assert.False(budget.IsSpent);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(budget.IsSpent);
    }

    [Fact]
    public void Overlapping_waits_resume_the_clock_only_when_the_last_one_ends()
    {
        var time = new FakeTimeProvider();
        using var budget = new RowBudget(TimeSpan.FromSeconds(10), time, CancellationToken.None);

        budget.WaitStarted(Limit);
        budget.WaitStarted("search example key none");
        budget.WaitEnded(Limit);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.False(budget.IsSpent);
        budget.WaitEnded("search example key none");
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(budget.IsSpent);
    }

    [Fact]
    public void The_outer_token_still_cancels_while_waiting()
    {
        var time = new FakeTimeProvider();
        using var job = new CancellationTokenSource();
        using var budget = new RowBudget(TimeSpan.FromSeconds(10), time, job.Token);

        budget.WaitStarted(Limit);
        job.Cancel();
        Assert.True(budget.Token.IsCancellationRequested);
    }
}
