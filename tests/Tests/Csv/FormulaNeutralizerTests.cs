using PersonalizedLine.Grains.Csv;

namespace PersonalizedLine.Tests.Csv;

public class FormulaNeutralizerTests
{
    [Theory]
    [InlineData("=1+1")]
    [InlineData("+49 30 1234")]
    [InlineData("-2")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    [InlineData("\n=1")]
    public void ValueStartingLikeAFormulaGetsALeadingApostrophe(string value)
    {
        Assert.Equal("'" + value, FormulaNeutralizer.Neutralize(value));
    }

    [Theory]
    [InlineData("Hi Ann, loved your talk on =, + and -.")]
    [InlineData("")]
    [InlineData(" =leading space")]
    [InlineData("'already quoted")]
    public void OrdinaryTextIsUnchanged(string value)
    {
        Assert.Equal(value, FormulaNeutralizer.Neutralize(value));
    }
}
