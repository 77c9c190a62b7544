using System.Net;
using Orleans.Runtime.Placement;
using PersonalizedLine.Grains.Interfaces.Rows;
using PersonalizedLine.Grains.Rows;

namespace PersonalizedLine.Tests.Rows;

/// <summary>Which silo runs a row, and where a silo's row runner is placed.</summary>
public sealed class RowRunnerPlacementTests
{
    private static readonly SiloAddress[] ThreeSilos = [Silo(11111), Silo(11112), Silo(11113)];

    private static SiloAddress Silo(int port) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 42);

    [Fact]
    public void A_row_goes_to_the_same_silo_every_time_whatever_the_order_silos_are_listed_in()
    {
        var order = RowRunners.TurnOrder(ThreeSilos, "job-1");
        var reversed = RowRunners.TurnOrder([.. ThreeSilos.Reverse()], "job-1");

        Assert.Equal(order, reversed);
        Assert.Equal(ThreeSilos.Order(), order.Order());
        for (var row = 0; row < 300; row++)
        {
            Assert.Equal(RowRunners.SiloFor(order, row), RowRunners.SiloFor(reversed, row));
        }
    }

    [Theory]
    [InlineData(3_000)]
    [InlineData(3_001)]
    [InlineData(3_002)]
    [InlineData(17)]
    public void A_jobs_rows_are_shared_exactly_no_silo_has_more_than_one_row_more_than_another(int rows)
    {
        var order = RowRunners.TurnOrder(ThreeSilos, "job-7");

        var counts = Enumerable.Range(0, rows).GroupBy(row => RowRunners.SiloFor(order, row)).Select(group => group.Count()).ToArray();

        Assert.Equal(3, counts.Length);
        Assert.Equal(rows, counts.Sum());
        Assert.InRange(counts.Max() - counts.Min(), 0, 1);
    }

    [Fact]
    public void Each_job_has_its_own_turn_order_so_small_jobs_do_not_all_start_on_one_silo()
    {
        var firstSilos = Enumerable.Range(0, 60).Select(job => RowRunners.TurnOrder(ThreeSilos, $"tenant/job-{job}")[0]).ToList();

        Assert.All(ThreeSilos, silo => Assert.InRange(firstSilos.Count(first => first.Equals(silo)), 5, 40));
    }

    [Fact]
    public void A_runner_key_names_its_silo_and_runner_numbers_wrap()
    {
        var key = RowRunnerKeys.For(ThreeSilos[1], 6);

        Assert.StartsWith($"{6 % RowRunnerKeys.RunnersPerSilo}|", key, StringComparison.Ordinal);
        Assert.Equal(ThreeSilos[1], RowRunnerKeys.SiloOf(key));
        Assert.Null(RowRunnerKeys.SiloOf("job-1/r4"));
        Assert.Null(RowRunnerKeys.SiloOf("0|not a silo"));
    }

    [Fact]
    public async Task A_runner_is_placed_on_its_silo_or_on_any_silo_when_its_silo_is_gone()
    {
        var director = new SiloPinnedPlacementDirector();
        var context = new FixedSilos(ThreeSilos);

        var placed = await director.OnAddActivation(new SiloPinnedPlacement(), Target(RowRunnerKeys.For(ThreeSilos[2], 1)), context);
        Assert.Equal(ThreeSilos[2], placed);

        var orphan = await director.OnAddActivation(new SiloPinnedPlacement(), Target(RowRunnerKeys.For(Silo(9999), 1)), context);
        Assert.Contains(orphan, ThreeSilos);
    }

    private static PlacementTarget Target(string key) =>
        new(GrainId.Create("rowrunner", key), [], GrainInterfaceType.Create(nameof(IRowRunnerGrain)), 0);

    private sealed class FixedSilos(SiloAddress[] silos) : IPlacementContext
    {
        public SiloAddress LocalSilo => silos[0];

        public SiloStatus LocalSiloStatus => SiloStatus.Active;

        public SiloAddress[] GetCompatibleSilos(PlacementTarget target) => silos;

        public IReadOnlyDictionary<ushort, SiloAddress[]> GetCompatibleSilosWithVersions(PlacementTarget target) =>
            new Dictionary<ushort, SiloAddress[]> { [0] = silos };
    }
}
