using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Csv;
using PersonalizedLine.Grains.Estimates;
using PersonalizedLine.Grains.Pricing;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.Research;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Estimates;

public sealed class JobEstimatorTests
{
    private static readonly ResearchOptions Research = new();

    [Fact]
    public async Task EstimatesTheHandComputedFileAndCountsCachedQueriesOnce()
    {
        var cache = new FakeResearchCache([ResearchCacheKey.For("Acme Corp", Research)]);

        var estimate = await Estimator(cache).EstimateAsync(
            LeadFiles.Stream(EstimateFiles.SevenRowsFourCompanies), new JobRequest("leads.csv"), CancellationToken.None);

        Assert.Equal(EstimateFiles.Rows, estimate.Rows);
        Assert.Equal(0, estimate.InvalidRows);
        Assert.Equal(EstimateFiles.DistinctCompanies, estimate.DistinctResearchQueries);
        Assert.Equal(EstimateFiles.DistinctCompanies, cache.Asked.Count);
        Assert.Equal(1, estimate.CachedResearchQueries);
        Assert.False(estimate.CachedResearchQueriesExtrapolated);
        Assert.Equal(3, estimate.SearchesToMake);
        Assert.Equal(7, estimate.LlmRequests);
        Assert.Equal(7, estimate.PromptTokensSampleRows);
        Assert.Equal(EstimateFiles.PromptTokensOfAllRows(EstimateFiles.SevenRowsFourCompanies, "llama-3.1-8b-instant", Research.SummaryMaxChars),
            estimate.PromptTokens);
        Assert.Equal(7 * 120, estimate.CompletionTokensMax);
        Assert.Null(estimate.ExpectedDurationSeconds);
        Assert.Contains(estimate.Notes, note => note.Contains("bounded by provider latency"));
    }

    [Fact]
    public async Task PastTheCheckCapTheCachedCountIsExtrapolatedAndSaysSo()
    {
        // 10 distinct companies, the first 4 checked; 2 of those 4 are cached → 5 of 10 extrapolated.
        var cached = new[] { "Company0 company0.example", "Company2 company2.example" }.Select(q => ResearchCacheKey.For(q, Research));
        var cache = new FakeResearchCache(cached);

        var estimate = await Estimator(cache, new EstimateSampling(PromptSampleRows: 3, MaxCacheChecks: 4, CacheCheckConcurrency: 2))
            .EstimateAsync(LeadFiles.Stream(LeadFiles.Csv(10)), new JobRequest("leads.csv"), CancellationToken.None);

        Assert.Equal(10, estimate.DistinctResearchQueries);
        Assert.Equal(4, cache.Asked.Count);
        Assert.True(cache.MaxInFlight <= 2);
        Assert.True(estimate.CachedResearchQueriesExtrapolated);
        Assert.Equal(5, estimate.CachedResearchQueries);
        Assert.Equal(5, estimate.SearchesToMake);
        Assert.Contains(estimate.Notes, note => note.Contains("extrapolated"));
        Assert.Equal(3, estimate.PromptTokensSampleRows);
    }

    [Fact]
    public async Task ASampleOfRowsIsAveragedOverAllRows()
    {
        var csv = LeadFiles.Csv(10);
        var all = await Estimator(new FakeResearchCache([])).EstimateAsync(LeadFiles.Stream(csv), new JobRequest("a.csv"), CancellationToken.None);
        var sampled = await Estimator(new FakeResearchCache([]), new EstimateSampling(PromptSampleRows: 5))
            .EstimateAsync(LeadFiles.Stream(csv), new JobRequest("a.csv"), CancellationToken.None);

        // Rows of this file differ by one digit at most, so five rows averaged over ten land within a token a row.
        Assert.Equal(5, sampled.PromptTokensSampleRows);
        Assert.InRange(sampled.PromptTokens, all.PromptTokens - 10, all.PromptTokens + 10);
    }

    [Fact]
    public async Task RowsThatFailBeforeAnyCallCostNothing()
    {
        var csv = "first_name,company\nAda,Acme\nBob,\nCy,Globex,extra\n";

        var estimate = await Estimator(new FakeResearchCache([])).EstimateAsync(LeadFiles.Stream(csv), new JobRequest("a.csv"), CancellationToken.None);

        Assert.Equal(3, estimate.Rows);
        Assert.Equal(2, estimate.InvalidRows);
        Assert.Equal(1, estimate.LlmRequests);
        Assert.Equal(1, estimate.SearchesToMake);
    }

    [Fact]
    public async Task APreviewCountsOnlyItsRows()
    {
        var estimate = await Estimator(new FakeResearchCache([])).EstimateAsync(
            LeadFiles.Stream(LeadFiles.Csv(10)), new JobRequest("a.csv", RowLimit: 3), CancellationToken.None);

        Assert.Equal(3, estimate.Rows);
        Assert.Equal(3, estimate.RowLimit);
        Assert.Equal(3, estimate.LlmRequests);
    }

    [Fact]
    public async Task ACacheThatCannotBeAskedCountsEverySearchAndSaysSo()
    {
        var cache = new FakeResearchCache([]) { Failure = new InvalidOperationException("no silo") };

        var estimate = await Estimator(cache).EstimateAsync(
            LeadFiles.Stream(EstimateFiles.SevenRowsFourCompanies), new JobRequest("a.csv"), CancellationToken.None);

        Assert.Equal(0, estimate.CachedResearchQueries);
        Assert.Equal(4, estimate.SearchesToMake);
        Assert.Contains(estimate.Notes, note => note.Contains("could not be asked") && note.Contains("no silo"));
    }

    [Fact]
    public async Task BadFilesAreRejectedLikeASubmission()
    {
        var estimator = Estimator(new FakeResearchCache([]));

        await Assert.ThrowsAsync<JobRejectedException>(() =>
            estimator.EstimateAsync(LeadFiles.Stream("name,email\nAda,a@example.com\n"), new JobRequest("a.csv"), CancellationToken.None));
        await Assert.ThrowsAsync<CsvInputException>(() =>
            estimator.EstimateAsync(LeadFiles.Stream("first_name,company\n"), new JobRequest("a.csv"), CancellationToken.None));
    }

    private static JobEstimator Estimator(IResearchCacheProbe cache, EstimateSampling? sampling = null) => new(
        cache,
        new CostCalculator(Options.Create(new PricingOptions())),
        Options.Create(new UploadOptions()),
        Options.Create(new LlmOptions()),
        Options.Create(Research),
        sampling);
}
