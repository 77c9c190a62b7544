using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Estimates;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Pricing;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.Research;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Estimates;

/// <summary>The estimate counts requests, tokens and time with rows sharing requests.</summary>
public sealed class RowsPerRequestEstimateTests
{
    [Fact]
    public async Task Rows_sharing_requests_need_a_fraction_of_the_requests_and_fewer_prompt_tokens()
    {
        var csv = LeadFiles.Csv(100);
        var llm = new LlmOptions { RequestsPerMinute = 30 };

        var alone = await Estimate(csv, llm, rowsPerRequest: null);
        var shared = await Estimate(csv, llm, rowsPerRequest: 20);

        Assert.Equal(100, alone.LlmRequests);
        Assert.Equal(1, alone.RowsPerRequest);
        Assert.Equal(5, shared.LlmRequests);
        Assert.Equal(20, shared.RowsPerRequest);
        // The rules and instructions are paid once per request instead of once per row.
        Assert.True(shared.PromptTokens < alone.PromptTokens * 0.9, $"{shared.PromptTokens} vs {alone.PromptTokens}");
        Assert.Equal((100 * (llm.MaxTokens + 16)) + (5 * 16), shared.CompletionTokensMax);
        // 30 requests a minute: 100 requests take 200 s, 5 take 10 s.
        Assert.Equal(200, alone.ExpectedDurationSeconds);
        Assert.Equal(10, shared.ExpectedDurationSeconds);
        Assert.Contains(shared.Notes, note => note.Contains("Up to 20 rows share one LLM request"));
    }

    [Fact]
    public async Task A_token_limit_splits_requests_and_the_estimate_says_so()
    {
        var llm = new LlmOptions { TokensPerMinute = 6_000 };

        var estimate = await Estimate(LeadFiles.Csv(100), llm, rowsPerRequest: 50);

        // A shared request may count a quarter of the minute (1,500 tokens); a row is ~250 with its research at the cap.
        Assert.InRange(estimate.RowsPerRequest, 2, 10);
        Assert.Equal((100 + estimate.RowsPerRequest - 1) / estimate.RowsPerRequest, estimate.LlmRequests);
        Assert.Contains(estimate.Notes, note => note.Contains("rowsPerRequest is 50, but only") && note.Contains("1500 tokens"));
    }

    [Fact]
    public async Task Rows_per_request_out_of_range_are_rejected_like_a_submission()
    {
        var problem = await Assert.ThrowsAsync<JobRejectedException>(() => Estimate(LeadFiles.Csv(3), new LlmOptions(), rowsPerRequest: 51));

        Assert.Contains("rowsPerRequest must be between 1 and 50", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_job_costs_half_the_llm_price_and_ignores_the_llm_limits()
    {
        var llm = new LlmOptions { RequestsPerMinute = 30 };

        var online = await Estimate(LeadFiles.Csv(100), llm, rowsPerRequest: null);
        var batch = await Estimate(LeadFiles.Csv(100), llm, rowsPerRequest: null, JobMode.Batch);

        Assert.Equal(JobMode.Batch, batch.Mode);
        Assert.Equal(online.LlmRequests, batch.LlmRequests);
        Assert.Equal(online.Cost!.Llm / 2, batch.Cost!.Llm, precision: 6);
        Assert.Equal(online.Cost.Search, batch.Cost.Search);
        Assert.Equal(200, online.ExpectedDurationSeconds);
        Assert.Null(batch.ExpectedDurationSeconds);
        Assert.Contains(batch.Notes, note => note.Contains("Batch mode") && note.Contains("50% off") && note.Contains("24h"));
    }

    private static Task<JobEstimate> Estimate(string csv, LlmOptions llm, int? rowsPerRequest, JobMode? mode = null) => new JobEstimator(
            new FakeResearchCache([]),
            new CostCalculator(Options.Create(new PricingOptions())),
            Options.Create(new UploadOptions()),
            Options.Create(llm),
            Options.Create(new ResearchOptions()))
        .EstimateAsync(LeadFiles.Stream(csv), new JobRequest("leads.csv", RowsPerRequest: rowsPerRequest, Mode: mode), CancellationToken.None);
}
