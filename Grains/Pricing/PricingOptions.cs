namespace PersonalizedLine.Grains.Pricing;

/// <summary>
/// What providers charge, configuration section <c>Pricing</c>: per model, US dollars per million input (prompt) and
/// output (completion) tokens, and dollars per 1,000 web searches. Used to show what a job cost and what a file
/// will cost. A model with no entry has no price: its cost is shown as unknown, never guessed.
/// </summary>
/// <remarks>
/// The defaults are public list prices at the time of writing (Groq on-demand, Serper's entry plan). They are
/// examples to override with your own plan's prices, e.g.
/// <c>Pricing__Models__llama-3.1-8b-instant__InputPerMillion=0.05</c>, <c>Pricing__SearchesPerThousand=0.75</c>.
/// </remarks>
public sealed class PricingOptions
{
    public const string SectionName = "Pricing";

    /// <summary>The currency of every price and cost.</summary>
    public const string Currency = "USD";

    /// <summary>Prices per model id (matched ignoring case). Configured entries add to or replace the defaults.</summary>
    public Dictionary<string, ModelPrice> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        // Groq list prices, USD per million tokens.
        ["llama-3.1-8b-instant"] = new() { InputPerMillion = 0.05m, OutputPerMillion = 0.08m },
        ["llama-3.3-70b-versatile"] = new() { InputPerMillion = 0.59m, OutputPerMillion = 0.79m },
    };

    /// <summary>USD per 1,000 web searches; Serper's entry plan lists about 1.00.</summary>
    public decimal SearchesPerThousand { get; set; } = 1.00m;

    /// <summary>
    /// The share taken off LLM tokens sent through the provider's Batch API: OpenAI and Groq charge half (0.5). Applied
    /// to batch-mode jobs' batch requests; their online retries pay the full price.
    /// </summary>
    public decimal BatchDiscount { get; set; } = 0.5m;

    /// <summary>The configuration key (environment variable form) that prices a model, for messages.</summary>
    public static string ModelKey(string model, string property) => $"{SectionName}__{nameof(Models)}__{model}__{property}";
}
