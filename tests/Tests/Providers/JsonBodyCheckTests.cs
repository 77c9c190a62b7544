using System.Text;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Tests.Providers;

public sealed class JsonBodyCheckTests
{
    [Theory]
    [InlineData("{}", true)]
    [InlineData("{\"a\":[1,2,{\"b\":null}]}", true)]
    [InlineData("  {\"a\":1}\n", true)]
    [InlineData("", false)]
    [InlineData("[]", false)]
    [InlineData("\"text\"", false)]
    [InlineData("<html>502</html>", false)]
    [InlineData("{\"a\":1", false)]
    [InlineData("{\"a\":1}{\"b\":2}", false)]
    public void Only_a_single_complete_object_counts(string body, bool expected) =>
        Assert.Equal(expected, JsonBodyCheck.IsJsonObject(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void Error_excerpt_reads_openai_and_serper_shapes()
    {
        Assert.Equal("Invalid API Key", ProviderErrorText.Excerpt("{\"error\":{\"message\":\"Invalid API Key\",\"type\":\"x\"}}"));
        Assert.Equal("Unauthorized.", ProviderErrorText.Excerpt("{\"message\":\"Unauthorized.\",\"statusCode\":403}"));
        Assert.Equal("plain text error", ProviderErrorText.Excerpt("plain text\nerror"));
        Assert.Null(ProviderErrorText.Excerpt("  "));
        Assert.Equal(201, ProviderErrorText.Excerpt(new string('x', 5000))!.Length);
    }
}
