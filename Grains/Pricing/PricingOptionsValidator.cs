using Microsoft.Extensions.Options;

namespace PersonalizedLine.Grains.Pricing;

/// <summary>Fails start-up on a price that is negative or half set, naming the key to fix.</summary>
public sealed class PricingOptionsValidator : IValidateOptions<PricingOptions>
{
    public ValidateOptionsResult Validate(string? name, PricingOptions options)
    {
        var failures = new List<string>();
        if (options.SearchesPerThousand < 0)
        {
            failures.Add($"{PricingOptions.SectionName}__{nameof(options.SearchesPerThousand)} must be zero or more, but is {options.SearchesPerThousand}.");
        }

        if (options.BatchDiscount is < 0 or > 1)
        {
            failures.Add($"{PricingOptions.SectionName}__{nameof(options.BatchDiscount)} must be between 0 and 1 (0.5 = half price), but is {options.BatchDiscount}.");
        }

        foreach (var (model, price) in options.Models ?? [])
        {
            Check(model, nameof(ModelPrice.InputPerMillion), price?.InputPerMillion, failures);
            Check(model, nameof(ModelPrice.OutputPerMillion), price?.OutputPerMillion, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string model, string property, decimal? value, List<string> failures)
    {
        var key = PricingOptions.ModelKey(model, property);
        if (value is null)
        {
            failures.Add($"{key} is not set: a model's price needs both {nameof(ModelPrice.InputPerMillion)} and {nameof(ModelPrice.OutputPerMillion)} (USD per million tokens).");
        }
        else if (value < 0)
        {
            failures.Add($"{key} must be zero or more, but is {value}.");
        }
    }
}
