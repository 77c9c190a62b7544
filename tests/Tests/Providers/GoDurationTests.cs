using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Tests.Providers;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("7.66s", 7660)]
    [InlineData("2m59.56s", 179560)]
    [InlineData("250ms", 250)]
    [InlineData("1h2m3s", 3723000)]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("1.5m", 90000)]
    [InlineData("500us", 0.5)]
    [InlineData(" 3s ", 3000)]
    public void Parses_go_durations(string text, double expectedMilliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));
        Assert.Equal(expectedMilliseconds, duration.TotalMilliseconds, precision: 3);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("7.66")]
    [InlineData("s")]
    [InlineData("5x")]
    [InlineData("-3s")]
    [InlineData("1.2.3s")]
    [InlineData("00:00:05")]
    public void Rejects_anything_else(string? text)
    {
        Assert.False(GoDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.Zero, duration);
    }
}
