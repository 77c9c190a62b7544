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
        var reversed = ThreeSilos.Reverse().ToArray();
        for (var row = 0; row < 300; row++)
        {
            var chosen = RowRunners.SiloFor(ThreeSilos, "job-1/3", row);
            Assert.Equal(chosen, RowRunners.SiloFor(ThreeSilos, "job-1/3", row));
            Assert.Equal(chosen, RowRunners.SiloFor(reversed, "job-1/3", row));
        }
    }

    [Fact]
    public void Rows_spread_evenly_and_a_joining_silo_takes_only_its_share()
    {
        var before = Enumerable.Range(0, 3000).Select(row => RowRunners.SiloFor(ThreeSilos, $"job-1/{row / 100}", row)).ToArray();
        var counts = before.GroupBy(silo => silo).Select(group => group.Count()).ToArray();
        Assert.Equal(3, counts.Length);
        Assert.All(counts, count => Assert.InRange(count, 850, 1150));

        SiloAddress[] four = [.. ThreeSilos, Silo(11114)];
        var after = Enumerable.Range(0, 3000).Select(row => RowRunners.SiloFor(four, $"job-1/{row / 100}", row)).ToArray();
        var moved = Enumerable.Range(0, 3000).Where(row => !after[row].Equals(before[row])).ToList();
        // Every row that moved went to the new silo: about a quarter of them.
        Assert.All(moved, row => Assert.Equal(four[3], after[row]));
        Assert.InRange(moved.Count, 600, 900);
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
