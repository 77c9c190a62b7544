using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.ProviderEmulator;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Pipeline;

/// <summary>
/// The cluster-wide research cache, counted from outside by the emulator. The cache outlives jobs and tests, so each
/// test researches companies nobody else uses (a fresh tag in their names).
/// </summary>
[Collection(ThreeSiloCollection.Name)]
public sealed class ResearchCacheTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly ThreeSiloCluster _cluster;
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];

    public ResearchCacheTests(ThreeSiloCluster cluster)
    {
        _cluster = cluster;
        cluster.Emulator.Reset();
        cluster.Emulator.Search.Latency = TimeSpan.FromMilliseconds(5);
        cluster.Emulator.Llm.Latency = TimeSpan.FromMilliseconds(10);
    }

    [Fact]
    public async Task RowsOnEverySiloWithTheSameQueryShareOneSearch()
    {
        // Searches slow enough that rows of the same company, on different silos, ask while the first is running.
        _cluster.Emulator.Search.Latency = TimeSpan.FromSeconds(1);

        var (progress, output) = await _cluster.RunAsync(Leads(60, companies: 3), Deadline);

        output.AssertAllOk();
        Assert.Equal(60, progress.SucceededRows);
        Assert.Equal(3, progress.RowsBySilo.Count);
        Assert.Equal(3, _cluster.Emulator.Search.TotalRequests);
        Assert.Equal(3, progress.Usage.SearchCalls);
        Assert.Equal(57, progress.Usage.CachedSearches);
        Assert.Equal(3, _cluster.Emulator.Search.Requests.Select(r => r.Text).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task RunningTheSameFileAgainMakesNoSearch()
    {
        var csv = Leads(30, companies: 3);
        var (first, _) = await _cluster.RunAsync(csv, Deadline);
        Assert.Equal(3, first.Usage.SearchCalls);
        _cluster.Emulator.Search.ResetCounters();

        var (second, output) = await _cluster.RunAsync(csv, Deadline);

        output.AssertAllOk();
        Assert.Equal(0, _cluster.Emulator.Search.TotalRequests);
        Assert.Equal(0, second.Usage.SearchCalls);
        Assert.Equal(30, second.Usage.CachedSearches);
    }

    [Fact]
    public async Task AJobThatRefreshesResearchSearchesEachQueryAgainOnce()
    {
        var csv = Leads(30, companies: 3);
        await _cluster.RunAsync(csv, Deadline);
        _cluster.Emulator.Search.ResetCounters();

        var (refreshed, output) = await _cluster.RunAsync(csv, Deadline, new JobRequest("leads.csv", RefreshResearch: true));

        output.AssertAllOk();
        Assert.Equal(3, _cluster.Emulator.Search.TotalRequests);
        Assert.Equal(3, refreshed.Usage.SearchCalls);
        Assert.Equal(27, refreshed.Usage.CachedSearches);

        // The refreshed results are what the next ordinary job reuses.
        _cluster.Emulator.Search.ResetCounters();
        var (after, _) = await _cluster.RunAsync(csv, Deadline);
        Assert.Equal(0, _cluster.Emulator.Search.TotalRequests);
        Assert.Equal(30, after.Usage.CachedSearches);
    }

    [Fact]
    public async Task AFailedSearchIsNotCachedAndTheNextJobSearchesAgain()
    {
        var failing = $"Broken{_tag}";
        var csv = LeadFiles.Csv(4, i => i < 3 ? failing : $"Fine{_tag}");
        _cluster.Emulator.Search.FaultWhen(body => body.Contains(failing, StringComparison.Ordinal) ? Fault.Status(500) : null);

        var (first, firstOutput) = await _cluster.RunAsync(csv, Deadline);

        Assert.Equal((1, 3), (first.SucceededRows, first.FailedRows));
        Assert.All(Enumerable.Range(0, 3), i => Assert.Contains("500", firstOutput.Cell(i, "personalization_error")));
        Assert.Equal("ok", firstOutput.Cell(3, "personalization_status"));

        _cluster.Emulator.Search.FaultWhen(null);
        _cluster.Emulator.Search.ResetCounters();
        var (second, secondOutput) = await _cluster.RunAsync(csv, Deadline);

        secondOutput.AssertAllOk();
        Assert.Equal(1, _cluster.Emulator.Search.TotalRequests);
        Assert.Contains(failing, _cluster.Emulator.Search.Requests.Single().Text, StringComparison.Ordinal);
        Assert.Equal((1, 3), (second.Usage.SearchCalls, second.Usage.CachedSearches));
    }

    [Fact]
    public async Task QueriesThatDifferOnlyInCaseAndSpacesShareResearch()
    {
        var company = $"Acme{_tag}";
        var csv = LeadFiles.Header + "\n" +
                  $"Ada,Lovelace,CTO,{company},x\n" +
                  $"Grace,Hopper,VP,  {company.ToUpperInvariant()} ,x\n";

        var (progress, output) = await _cluster.RunAsync(csv, Deadline, new JobRequest("leads.csv", ResearchQueryTemplate: "{company}   research"));

        output.AssertAllOk();
        Assert.Equal(1, _cluster.Emulator.Search.TotalRequests);
        Assert.Equal((1, 1), (progress.Usage.SearchCalls, progress.Usage.CachedSearches));
    }

    /// <summary>A file of <paramref name="rows"/> leads at <paramref name="companies"/> companies of this test's own.</summary>
    private string Leads(int rows, int companies) => LeadFiles.Csv(rows, i => $"Co{i % companies}x{_tag}");
}
