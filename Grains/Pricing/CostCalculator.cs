using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Grains.Pricing;

/// <summary>The one place that turns tokens and searches into money, with the configured price table.</summary>
public sealed class CostCalculator(IOptions<PricingOptions> pricing)
{
    private const decimal TokensPerMillion = 1_000_000m;
    private const decimal SearchesPerThousand = 1_000m;
    private const int Decimals = 6;

    /// <summary>The Batch API discount as a whole percentage, for messages.</summary>
    public int BatchDiscountPercent => (int)Math.Round(pricing.Value.BatchDiscount * 100);

    /// <summary>What a job's usage so far cost with <paramref name="model"/>.</summary>
    /// <remarks>Tokens sent through the Batch API (<see cref="UsageTotals.BatchPromptTokens"/>…) are billed at the batch discount.</remarks>
    public CostQuote ForUsage(string model, UsageTotals usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return Quote(model, usage.PromptTokens, usage.CompletionTokens, usage.SearchCalls, usage.BatchPromptTokens, usage.BatchCompletionTokens);
    }

    /// <summary>The cost of these tokens and searches; null with a note when the model has no price.</summary>
    /// <param name="model">The model.</param>
    /// <param name="promptTokens">All prompt tokens, those sent in batches included.</param>
    /// <param name="completionTokens">All completion tokens, those sent in batches included.</param>
    /// <param name="searches">Web searches made.</param>
    /// <param name="batchPromptTokens">Of <paramref name="promptTokens"/>, those sent through the Batch API.</param>
    /// <param name="batchCompletionTokens">Of <paramref name="completionTokens"/>, those sent through the Batch API.</param>
    public CostQuote Quote(string model, long promptTokens, long completionTokens, long searches, long batchPromptTokens = 0, long batchCompletionTokens = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        var prices = pricing.Value;
        if (prices.Models is null || !prices.Models.TryGetValue(model, out var price)
            || price.InputPerMillion is not { } input || price.OutputPerMillion is not { } output)
        {
            return new CostQuote(null,
                $"No price for model '{model}': set {PricingOptions.ModelKey(model, nameof(ModelPrice.InputPerMillion))} and " +
                $"{PricingOptions.ModelKey(model, nameof(ModelPrice.OutputPerMillion))} (USD per million tokens) to see the cost.");
        }

        var batchShare = 1 - prices.BatchDiscount;
        var llm = ((promptTokens - batchPromptTokens) * input + (completionTokens - batchCompletionTokens) * output
            + ((batchPromptTokens * input) + (batchCompletionTokens * output)) * batchShare) / TokensPerMillion;
        var search = searches * prices.SearchesPerThousand / SearchesPerThousand;
        return new CostQuote(
            new JobCost(Round(llm), Round(search), Round(llm + search), PricingOptions.Currency),
            null);
    }

    private static decimal Round(decimal amount) => Math.Round(amount, Decimals, MidpointRounding.AwayFromZero);
}
