using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using PersonalizedLine.Client.Api.Auth;

namespace PersonalizedLine.Tests.Auth;

/// <summary><c>Auth__Mode=None</c> is for loopback only: the API refuses to start on any address other machines can reach.</summary>
public sealed class StartupAuthModeTests
{
    [Theory]
    [InlineData("urls", "http://0.0.0.0:5000", "http://0.0.0.0:5000")]
    [InlineData("urls", "http://127.0.0.1:5000;http://*:5001", "http://*:5001")]
    [InlineData("http_ports", "8080", "*:8080")]
    public async Task TheApiRefusesToStartWithoutKeysOnANonLoopbackAddress(string setting, string value, string named)
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web.UseSetting(setting, value).UseSetting("Storage:Mode", "Memory"));

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var message = FindValidationMessage(refused);
        Assert.Contains(named, message);
        Assert.Contains("Set Auth__Mode=ApiKeys and create a key", message);
    }

    [Theory]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://127.0.0.1:5000", true)]
    [InlineData("https://127.0.0.2:5001/", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://+:5000", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://10.1.2.3:5000", false)]
    [InlineData("http://api.example.com:5000", false)]
    public void LoopbackAddressesAreTheOnlyOnesAllowedWithoutKeys(string url, bool loopback) =>
        Assert.Equal(loopback, ListenAddresses.IsLoopback(url));

    [Fact]
    public void KestrelEndpointsCountAndApiKeysModeMayListenAnywhere()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Public:Url"] = "http://0.0.0.0:8080",
            ["Kestrel:Endpoints:Local:Url"] = "http://localhost:8081",
        }).Build();
        var validator = new LoopbackOnlyWithoutKeysValidator(configuration);

        Assert.Equal(["http://0.0.0.0:8080"], ListenAddresses.NonLoopback(configuration));
        Assert.True(validator.Validate(null, new Silo.Auth.AuthOptions()).Failed);
        Assert.True(validator.Validate(null, new Silo.Auth.AuthOptions { Mode = Silo.Auth.AuthMode.ApiKeys }).Succeeded);
        Assert.Empty(ListenAddresses.NonLoopback(new ConfigurationBuilder().Build()));
    }

    private static string FindValidationMessage(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is OptionsValidationException validation)
            {
                return validation.Message;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Count > 0)
            {
                return FindValidationMessage(aggregate.InnerExceptions[0]);
            }
        }

        throw new Xunit.Sdk.XunitException($"Start-up failed, but not on option validation: {exception}");
    }
}
