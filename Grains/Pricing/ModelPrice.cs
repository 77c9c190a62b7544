namespace PersonalizedLine.Grains.Pricing;

/// <summary>One model's price in US dollars per million tokens. Both must be set for the model to have a price.</summary>
public sealed class ModelPrice
{
    /// <summary>Per million prompt (input) tokens.</summary>
    public decimal? InputPerMillion { get; set; }

    /// <summary>Per million completion (output) tokens.</summary>
    public decimal? OutputPerMillion { get; set; }
}
