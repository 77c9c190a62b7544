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
        // Provider calls are at least once: on a loaded machine an attempt that outlives its timeout is made again.
        Assert.InRange(search.Admitted, Rows, Rows + 3);
        Assert.InRange(llm.Admitted, Rows, Rows + 3);
        Assert.InRange(search.RateLimitedShare, 0, 0.02);
        Assert.InRange(llm.RateLimitedShare, 0, 0.02);
        Assert.InRange(search.HeldRequestShare!.Value, 0.90, 1.0);
        Assert.InRange(llm.HeldRequestShare!.Value, 0.90, 1.0);
        Assert.Equal(llm.RateLimited + search.RateLimited, progress.Usage.RateLimitedAnswers);
        Assert.InRange(progress.Usage.LlmRequests, Rows, llm.Admitted);
    }
}

[Collection(OneSiloAtRequestLimitsCollection.Name)]
public sealed class OneSiloProviderLimitTests(OneSiloAtRequestLimits cluster, ITestOutputHelper output)
    : ProviderLimitTests(cluster, output);

[Collection(ThreeSilosAtRequestLimitsCollection.Name)]
public sealed class ThreeSiloProviderLimitTests(ThreeSilosAtRequestLimits cluster, ITestOutputHelper output)
    : ProviderLimitTests(cluster, output);

/// <summary>An LLM plan limited by tokens only: prompt + max_tokens per request, as Groq admits it.</summary>
[Collection(ThreeSilosAtTokenLimitCollection.Name)]
public sealed class TokenLimitTests(ThreeSilosAtTokenLimit cluster, ITestOutputHelper output)
{
    private const int Rows = 600;

    [Fact]
    public async Task ThreeSilosHoldAtLeast90PercentOfATokenLimitWithAlmostNo429sAndNoFailedRow()
    {
        var quota = new QuotaPolicy { TokensPerWindow = LimitedClusters.TokensPerMinute / 2, Window = ProviderLimitRun.Window };

        var (progress, csv, _, llm) = await ProviderLimitRun.RunAsync(cluster, Rows, search: null, llm: quota, output);

        csv.AssertAllOk();
        Assert.Equal(Rows, progress.SucceededRows);
        Assert.Equal(Rows, llm.Admitted);
        Assert.InRange(llm.RateLimitedShare, 0, 0.02);
        Assert.InRange(llm.HeldTokenShare!.Value, 0.90, 1.0);
        // The busy period must span more than a window, or "held" would say nothing about pacing.
        Assert.True(llm.BusyPeriod > ProviderLimitRun.Window, $"busy for {llm.BusyPeriod}");
    }
}

/// <summary>Nothing configured: the cluster learns the limit from 429s, slows down as a whole and climbs back (AIMD).</summary>
[Collection(ThreeSilosWithoutLimitsCollection.Name)]
public sealed class LearnedLimitTests(ThreeSilosWithoutLimits cluster, ITestOutputHelper output)
{
    private const int Rows = 800;

    [Fact]
    public async Task AtALimitNobodyConfiguredTheJobCompletesWithNoFailedRowAndFew429s()
    {
        var quota = new QuotaPolicy { RequestsPerWindow = 300, Window = ProviderLimitRun.Window };

        var (progress, csv, search, llm) = await ProviderLimitRun.RunAsync(cluster, Rows, quota, quota, output);

        csv.AssertAllOk();
        Assert.Equal(Rows, progress.SucceededRows);
        // Only the first contact with the limit (what three silos have in flight when the window fills) meets 429s;
        // after that the whole cluster waits out the provider's hint and paces. Measured: 0.4 % to 5 % here.
        Assert.InRange(search.RateLimitedShare, 0, 0.08);
        Assert.InRange(llm.RateLimitedShare, 0, 0.08);
        Assert.Equal(llm.RateLimited + search.RateLimited, progress.Usage.RateLimitedAnswers);
    }
}
