using PersonalizedLine.Grains.Interfaces.JobIndex;
using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Tests.Auth;

public sealed class JobKeysTests
{
    [Fact]
    public void TheDefaultTenantKeepsTheBareIdAndOthersAreComposed()
    {
        Assert.Equal("abc123", JobKeys.For(Tenants.Default, "abc123"));
        Assert.Equal("acme:abc123", JobKeys.For("acme", "abc123"));
        Assert.Equal("acme", JobKeys.TenantOf("acme:abc123"));
        Assert.Equal(Tenants.Default, JobKeys.TenantOf("abc123"));
        Assert.Equal("abc123", JobKeys.PublicId("acme:abc123"));
        Assert.Equal("abc123", JobKeys.PublicId("abc123"));
    }

    [Theory]
    [InlineData("acme:abc123")]
    [InlineData("abc/0")]
    [InlineData("")]
    [InlineData("a b")]
    public void AnIdThatCouldNameAnotherKeyIsNoJobId(string id)
    {
        Assert.Null(JobKeys.For(Tenants.Default, id));
        Assert.Null(JobKeys.For("globex", id));
    }

    [Theory]
    [InlineData("acme", true)]
    [InlineData("team-7", true)]
    [InlineData("Acme", false)]
    [InlineData("a:b", false)]
    [InlineData("a/b", false)]
    [InlineData("", false)]
    public void TenantNamesAreLowerCaseSlugs(string name, bool valid) => Assert.Equal(valid, Tenants.IsValidName(name));
}
