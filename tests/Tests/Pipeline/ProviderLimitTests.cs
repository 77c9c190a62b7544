using PersonalizedLine.ProviderEmulator;
using Xunit.Abstractions;

namespace PersonalizedLine.Tests.Pipeline;

/// <summary>
/// The whole cluster holds a provider plan's limits, measured from the provider's side (the emulator's quota):
/// close to the limit, almost no 429s, no failed row. Requests limits on one and three silos; a token limit.
/// </summary>
public abstract class ProviderLimitTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private const int Rows = 700;

    /// <summary>1,200 a minute is 600 in each 30 s window.</summary>
    private static readonly QuotaPolicy RequestQuota = new()
    {
        RequestsPerWindow = LimitedClusters.RequestsPerMinute / 2,
        Window = ProviderLimitRun.Window,
    };

    [Fact]
    public async Task TheClusterHoldsAtLeast90PercentOfBothRequestLimitsWithAlmostNo429sAndNoFailedRow()
    {
        var (progress, csv, search, llm) = await ProviderLimitRun.RunAsync(cluster, Rows, RequestQuota, RequestQuota, output);

        csv.AssertAllOk();
        Assert.Equal(Rows, progress.SucceededRows);
        Assert.Equal(cluster.Cluster.Silos.Count, progress.RowsBySilo.Count);
        Assert.Equal(Rows, search.Admitted);
        Assert.Equal(Rows, llm.Admitted);
        Assert.InRange(search.RateLimitedShare, 0, 0.02);
        Assert.InRange(llm.RateLimitedShare, 0, 0.02);
        Assert.InRange(search.HeldRequestShare!.Value, 0.90, 1.0);
        Assert.InRange(llm.HeldRequestShare!.Value, 0.90, 1.0);
        Assert.Equal(llm.RateLimited, progress.Usage.RateLimitedAnswers);
        Assert.Equal(Rows, progress.Usage.LlmRequests);
    }
}

[Collection(OneSiloAtRequestLimitsCollection.Name)]
public sealed class OneSiloProviderLimitTests(OneSiloAtRequestLimits cluster, ITestOutputHelper output)
    : ProviderLimitTests(cluster, output);

[Collection(ThreeSilosAtRequestLimitsCollection.Name)]
public sealed class ThreeSiloProviderLimitTests(ThreeSilosAtRequestLimits cluster, ITestOutputHelper output)
    : ProviderLimitTests(cluster, output);
