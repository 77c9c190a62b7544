using Microsoft.Extensions.Time.Testing;
using PersonalizedLine.Grains.Interfaces.Limits;
using PersonalizedLine.Grains.Limits;

namespace PersonalizedLine.Tests.Limits;

/// <summary>
/// The coordinator keeps nothing: when its silo dies, the grain comes back elsewhere as a new instance. That must never
/// let the cluster send more than the limit, counting what both instances granted.
/// </summary>
public sealed class ClusterRateBudgetRestartTests
{
    private const int Limit = 600;
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    [Fact]
    public void A_reactivated_coordinator_starts_empty_and_with_the_old_one_holds_every_60_second_window()
    {
        var time = new FakeTimeProvider();
        var grants = new List<(TimeSpan At, int Requests)>();
        var elapsed = TimeSpan.Zero;

        // Two silos lease from the first activation at full pace for 45 s, long enough for a full window behind.
        var old = new ClusterRateBudget(time);
        for (; elapsed < TimeSpan.FromSeconds(45); elapsed += Step)
        {
            grants.Add((elapsed, old.Lease(Ask(), "silo-1").Requests + old.Lease(Ask(), "silo-2").Requests));
            time.Advance(Step);
        }

        // silo-1 dies with the coordinator; the grain is activated again on silo-3, and both survivors ask it at once.
        var fresh = new ClusterRateBudget(time);
        var first = fresh.Lease(Ask(), "silo-2").Requests + fresh.Lease(Ask(), "silo-3").Requests;
        Assert.Equal(0, first);
        Assert.Equal(0, fresh.Status("k").GrantedRequests);

        for (; elapsed < TimeSpan.FromSeconds(45 + 120); elapsed += Step)
        {
            grants.Add((elapsed, fresh.Lease(Ask(), "silo-2").Requests + fresh.Lease(Ask(), "silo-3").Requests));
            time.Advance(Step);
        }

        var max = GrantWindows.MaxInWindow(grants, Window);
        Assert.True(max <= Limit, $"{max} granted in one 60 s window across the restart");

        // The new activation is not stuck slow: its last minute is back at the pace.
        var lastMinute = grants.Where(g => g.At >= elapsed - Window).Sum(g => g.Requests);
        Assert.InRange(lastMinute, (int)(0.9 * Limit), Limit);
    }

    private static PermitLeaseRequest Ask() => new("ignored", 64, 0, 500, Limit, 0, 5);
}
