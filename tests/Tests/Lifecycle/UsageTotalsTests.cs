using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Tests.Lifecycle;

public sealed class UsageTotalsTests
{
    /// <summary>
    /// Chunk and job states start from it; a storage provider that reads a state back into the existing objects once
    /// wrote one chunk's usage into a shared instance, and every job of the process then counted it again.
    /// </summary>
    [Fact]
    public void Nothing_used_is_a_new_instance_each_time_so_no_state_shares_it()
    {
        var first = UsageTotals.None;
        var second = UsageTotals.None;

        Assert.NotSame(first, second);
        Assert.Equal(new UsageTotals(0, 0, 0), first);
    }
}
