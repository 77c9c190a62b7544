using PersonalizedLine.Grains.Estimates;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Pricing;
using Sdk = PersonalizedLine.Client.Sdk.Models;

namespace PersonalizedLine.Cli.Remote;

/// <summary>A server's estimate in the embedded mode's type, so both modes print it with <see cref="EstimatePrinter"/>.</summary>
public static class RemoteEstimate
{
    public static JobEstimate ToPrintable(Sdk.JobEstimate estimate) => new(
        estimate.Model,
        estimate.RowLimit,
        estimate.Rows,
        estimate.InvalidRows,
        estimate.DistinctResearchQueries,
        estimate.CachedResearchQueries,
        estimate.CachedResearchQueriesExtrapolated,
        estimate.SearchesToMake,
        estimate.LlmRequests,
        estimate.PromptTokens,
        estimate.PromptTokensSampleRows,
        estimate.CompletionTokensMax,
        estimate.CompletionTokensTypical,
        estimate.ExpectedDurationSeconds,
        estimate.BindingLimit,
        estimate.Cost is { } cost ? new JobCost(cost.Llm, cost.Search, cost.Total, cost.Currency) : null,
        estimate.Notes)
    {
        RowsPerRequest = estimate.RowsPerRequest,
        Mode = estimate.Mode == Sdk.JobMode.Batch ? JobMode.Batch : JobMode.Online,
        Warnings = estimate.Warnings ?? [],
    };
}
