namespace PersonalizedLine.Grains.Pricing;

/// <summary>Money spent (or to be spent) at the providers, rounded to a millionth of a dollar.</summary>
/// <param name="Llm">LLM tokens: prompt and completion at the model's prices.</param>
/// <param name="Search">Web searches at <c>Pricing__SearchesPerThousand</c>.</param>
/// <param name="Total">Both together.</param>
/// <param name="Currency">Always <see cref="PricingOptions.Currency"/>.</param>
public sealed record JobCost(decimal Llm, decimal Search, decimal Total, string Currency);
