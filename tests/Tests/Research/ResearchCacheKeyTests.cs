using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.Research;

namespace PersonalizedLine.Tests.Research;

public sealed class ResearchCacheKeyTests
{
    private static readonly ResearchOptions Defaults = new();

    [Theory]
    [InlineData("Acme acme.example", "acme acme.example")]
    [InlineData("  ACME   Acme.Example  ", "acme acme.example")]
    [InlineData("Acme\tacme.example\n", "acme acme.example")]
    public void NormalizationIgnoresCaseAndWhiteSpace(string query, string expected)
    {
        Assert.Equal(expected, ResearchCacheKey.Normalize(query));
        Assert.Equal(ResearchCacheKey.For(expected, Defaults), ResearchCacheKey.For(query, Defaults));
    }

    [Fact]
    public void DifferentQueriesHaveDifferentKeys() =>
        Assert.NotEqual(ResearchCacheKey.For("Acme acme.example", Defaults), ResearchCacheKey.For("Acme acme.example.org", Defaults));

    [Fact]
    public void TheKeyIsALowerCaseSha256HexString()
    {
        var key = ResearchCacheKey.For(new string('x', 5000), Defaults);

        Assert.Equal(64, key.Length);
        Assert.Matches("^[0-9a-f]{64}$", key);
    }

    [Theory]
    [InlineData("de", "en", 5, 1200)]
    [InlineData("us", "de", 5, 1200)]
    [InlineData("us", "en", 10, 1200)]
    [InlineData("us", "en", 5, 600)]
    public void EachSearchSettingThatChangesTheAnswerChangesTheKey(string country, string language, int results, int summaryChars)
    {
        var query = "Acme acme.example";

        Assert.NotEqual(ResearchCacheKey.For(query, Defaults), ResearchCacheKey.For(query, country, language, results, summaryChars));
    }

    [Fact]
    public void SettingsAreNormalizedToo() =>
        Assert.Equal(ResearchCacheKey.For("q", "us", "en", 5, 1200), ResearchCacheKey.For("q", " US ", "EN", 5, 1200));
}
