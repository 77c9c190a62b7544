using PersonalizedLine.Grains.Estimates;

namespace PersonalizedLine.Tests.Estimates;

public sealed class EstimatedDurationTests
{
    [Fact]
    public void TheLongestConfiguredLimitBinds()
    {
        // 100 searches at 50/min = 120 s; 100 requests at 30/min = 200 s; (20,000 + 100 × 120) tokens at 6,000/min = 320 s.
        var (seconds, binding) = EstimatedDuration.Compute(100, 50, 100, 30, 20_000, 12_000, 6_000);

        Assert.Equal(320, seconds);
        Assert.Equal("Llm__TokensPerMinute", binding);
    }

    [Fact]
    public void UnconfiguredLimitsAreLeftOut()
    {
        Assert.Equal((120.0, "Research__RequestsPerMinute"), EstimatedDuration.Compute(100, 50, 100, 0, 20_000, 12_000, 0));
        Assert.Equal((null, null), EstimatedDuration.Compute(100, 0, 100, 0, 20_000, 12_000, 0));
    }
}
