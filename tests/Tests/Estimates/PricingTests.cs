using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Pricing;
using PersonalizedLine.Silo.Hosting;

namespace PersonalizedLine.Tests.Estimates;

public sealed class PricingTests
{
    [Fact]
    public void UsageIsPricedPerMillionTokensAndPerThousandSearches()
    {
        var calculator = new CostCalculator(Options.Create(new PricingOptions()));

        // llama-3.1-8b-instant list price: 0.05 in, 0.08 out per million; searches 1.00 per thousand.
        var quote = calculator.ForUsage("LLAMA-3.1-8B-INSTANT", new UsageTotals(2_000_000, 500_000, 30));

        Assert.Equal(new JobCost(0.14m, 0.03m, 0.17m, "USD"), quote.Cost);
        Assert.Null(quote.Note);
    }

    [Fact]
    public void AModelWithoutAPriceHasNoCostAndANoteNamingTheSetting()
    {
        var quote = new CostCalculator(Options.Create(new PricingOptions())).Quote("my-model", 1000, 100, 1);

        Assert.Null(quote.Cost);
        Assert.Contains("Pricing__Models__my-model__InputPerMillion", quote.Note);
        Assert.Contains("Pricing__Models__my-model__OutputPerMillion", quote.Note);
    }

    [Fact]
    public void ConfiguredPricesAddToAndOverrideTheDefaults()
    {
        var pricing = Bind(new()
        {
            ["Pricing:Models:llama-3.1-8b-instant:InputPerMillion"] = "0.10",
            ["Pricing:Models:my-model:InputPerMillion"] = "1.5",
            ["Pricing:Models:my-model:OutputPerMillion"] = "2",
            ["Pricing:SearchesPerThousand"] = "0.75",
        }).Value;

        Assert.Equal(0.10m, pricing.Models["llama-3.1-8b-instant"].InputPerMillion);
        Assert.Equal(0.08m, pricing.Models["llama-3.1-8b-instant"].OutputPerMillion);
        Assert.Equal(0.59m, pricing.Models["llama-3.3-70b-versatile"].InputPerMillion);
        Assert.Equal(2m, pricing.Models["MY-MODEL"].OutputPerMillion);
        Assert.Equal(0.75m, pricing.SearchesPerThousand);
    }

    [Theory]
    [InlineData("Pricing:Models:half-priced:InputPerMillion", "1", "Pricing__Models__half-priced__OutputPerMillion is not set")]
    [InlineData("Pricing:SearchesPerThousand", "-1", "Pricing__SearchesPerThousand must be zero or more")]
    public void BadPricesFailStartUpNamingTheKey(string key, string value, string expected)
    {
        var options = Bind(new() { [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => options.Value);
        Assert.Contains(expected, failure.Message);
    }

    [Fact]
    public void PerModelPriceKeysAreRecognizedConfiguration()
    {
        Assert.True(ConfigurationKeys.IsRecognized("Pricing__Models__llama-3.1-8b-instant__InputPerMillion"));
        Assert.True(ConfigurationKeys.IsRecognized("Pricing__SearchesPerThousand"));
        Assert.False(ConfigurationKeys.IsRecognized("Pricing__Models__"));
    }

    private static IOptions<PricingOptions> Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration);
        services.AddPersonalizedLineCore(configuration, processesRows: false);
        return services.BuildServiceProvider().GetRequiredService<IOptions<PricingOptions>>();
    }
}
