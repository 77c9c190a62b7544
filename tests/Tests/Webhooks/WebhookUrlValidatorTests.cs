using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Webhooks;

namespace PersonalizedLine.Tests.Webhooks;

public sealed class WebhookUrlValidatorTests
{
    private const string Secret = "whsec_test_0123456789abcdef";

    /// <summary>Names a test resolves without DNS; anything else is "not found".</summary>
    private static readonly Dictionary<string, IPAddress[]> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hooks.example.com"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("2606:2800:220:1::1")],
        ["intranet.example.com"] = [IPAddress.Parse("10.20.30.40")],
        ["mixed.example.com"] = [IPAddress.Parse("93.184.216.34"), IPAddress.Parse("192.168.1.10")],
        ["localhost"] = [IPAddress.Loopback, IPAddress.IPv6Loopback],
    };

    [Theory]
    [InlineData("https://hooks.example.com/personalizedline", "https://hooks.example.com/personalizedline")]
    [InlineData("http://93.184.216.34:8080/hook?x=1", "http://93.184.216.34:8080/hook?x=1")]
    [InlineData("https://[2606:2800:220:1::1]/hook", "https://[2606:2800:220:1::1]/hook")]
    [InlineData("  https://hooks.example.com/a  ", "https://hooks.example.com/a")]
    public async Task A_public_http_or_https_url_is_accepted(string url, string expected) =>
        Assert.Equal(expected, (await Validator().ValidateAsync(url, CancellationToken.None)).AbsoluteUri);

    [Theory]
    [InlineData("ftp://hooks.example.com/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/hook")]
    [InlineData("hooks.example.com/hook")]
    [InlineData("not a url")]
    public async Task Anything_but_an_absolute_http_or_https_url_is_refused_saying_what_is_expected(string url)
    {
        var refused = await Assert.ThrowsAsync<WebhookUrlRejectedException>(() => Validator().ValidateAsync(url, CancellationToken.None));

        Assert.Contains("must be an absolute http:// or https:// URL", refused.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1/hook", "loopback")]
    [InlineData("http://127.10.0.3:9000/hook", "loopback")]
    [InlineData("http://10.0.0.1/hook", "private")]
    [InlineData("http://172.16.5.4/hook", "private")]
    [InlineData("http://172.31.255.255/hook", "private")]
    [InlineData("http://192.168.0.10/hook", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("http://100.64.0.1/hook", "carrier-grade NAT")]
    [InlineData("http://0.0.0.0/hook", "unspecified")]
    [InlineData("http://[::1]/hook", "loopback")]
    [InlineData("http://[fe80::1]/hook", "link-local")]
    [InlineData("http://[fd12:3456::1]/hook", "unique-local")]
    [InlineData("http://[fc00::1]/hook", "unique-local")]
    [InlineData("http://[::ffff:127.0.0.1]/hook", "loopback")]
    [InlineData("http://[::ffff:10.1.2.3]/hook", "private")]
    [InlineData("http://[::]/hook", "unspecified")]
    [InlineData("http://2130706433/hook", "loopback")]
    public async Task A_private_address_literal_is_refused_naming_its_kind_and_the_setting_that_allows_it(string url, string kind)
    {
        var refused = await Assert.ThrowsAsync<WebhookUrlRejectedException>(() => Validator().ValidateAsync(url, CancellationToken.None));

        Assert.Contains($"a {kind} address", refused.Message);
        Assert.Contains("Webhook__AllowPrivateNetworks=true", refused.Message);
    }

    [Theory]
    [InlineData("http://172.15.255.255/hook")]
    [InlineData("http://172.32.0.1/hook")]
    [InlineData("http://100.128.0.1/hook")]
    [InlineData("http://[2001:4860:4860::8888]/hook")]
    public async Task Public_neighbours_of_private_ranges_are_accepted(string url) =>
        Assert.NotNull(await Validator().ValidateAsync(url, CancellationToken.None));

    [Theory]
    [InlineData("https://intranet.example.com/hook", "'intranet.example.com' resolves to 10.20.30.40, a private address")]
    [InlineData("https://mixed.example.com/hook", "'mixed.example.com' resolves to 192.168.1.10, a private address")]
    public async Task A_name_resolving_to_a_private_address_is_refused(string url, string expected)
    {
        var refused = await Assert.ThrowsAsync<WebhookUrlRejectedException>(() => Validator().ValidateAsync(url, CancellationToken.None));

        Assert.Contains(expected, refused.Message);
    }

    [Fact]
    public async Task Localhost_through_the_system_resolver_is_refused_as_loopback()
    {
        var validator = new WebhookUrlValidator(Options.Create(new WebhookOptions { Secret = Secret }));

        var refused = await Assert.ThrowsAsync<WebhookUrlRejectedException>(() => validator.ValidateAsync("http://localhost:8080/hook", CancellationToken.None));

        Assert.Contains("'localhost' resolves to", refused.Message);
        Assert.Contains("a loopback address", refused.Message);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_refused_saying_so()
    {
        var refused = await Assert.ThrowsAsync<WebhookUrlRejectedException>(() =>
            Validator().ValidateAsync("https://no-such-host.example.com/hook", CancellationToken.None));

        Assert.Contains("'no-such-host.example.com' cannot be resolved", refused.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/hook")]
    [InlineData("http://[::1]:5000/hook")]
    [InlineData("http://localhost:5000/hook")]
    [InlineData("https://intranet.example.com/hook")]
    public async Task Private_addresses_and_names_are_accepted_when_private_networks_are_allowed(string url)
    {
        var validator = Validator(new WebhookOptions { Secret = Secret, AllowPrivateNetworks = true });

        Assert.Equal(new Uri(url), await validator.ValidateAsync(url, CancellationToken.None));
    }

    [Fact]
    public async Task Private_networks_allowed_still_refuse_other_schemes()
    {
        var validator = Validator(new WebhookOptions { Secret = Secret, AllowPrivateNetworks = true });

        await Assert.ThrowsAsync<WebhookUrlRejectedException>(() => validator.ValidateAsync("ftp://127.0.0.1/hook", CancellationToken.None));
    }

    [Fact]
    public async Task Without_a_secret_every_webhook_is_refused_naming_the_setting()
    {
        var validator = Validator(new WebhookOptions { Secret = " " });

        var refused = await Assert.ThrowsAsync<WebhookUrlRejectedException>(() =>
            validator.ValidateAsync("https://hooks.example.com/hook", CancellationToken.None));

        Assert.Contains("Webhook__Secret is not set", refused.Message);
    }

    [Fact]
    public async Task A_url_with_credentials_is_refused()
    {
        var refused = await Assert.ThrowsAsync<WebhookUrlRejectedException>(() =>
            Validator().ValidateAsync("https://user:pass@hooks.example.com/hook", CancellationToken.None));

        Assert.Contains("must not carry a user name or password", refused.Message);
    }

    private static WebhookUrlValidator Validator(WebhookOptions? options = null) =>
        new(Options.Create(options ?? new WebhookOptions { Secret = Secret }), ResolveAsync);

    private static Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Names.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
}
