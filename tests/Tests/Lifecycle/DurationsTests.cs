using PersonalizedLine.Grains.Jobs;

namespace PersonalizedLine.Tests.Lifecycle;

public sealed class DurationsTests
{
    [Theory]
    [InlineData(5, "5 s")]
    [InlineData(90, "1.5 min")]
    [InlineData(600, "10 min")]
    [InlineData(7200, "2 h")]
    [InlineData(604800, "7 days")]
    public void A_duration_reads_in_the_unit_a_person_would_use(int seconds, string expected) =>
        Assert.Equal(expected, Durations.Describe(TimeSpan.FromSeconds(seconds)));
}
