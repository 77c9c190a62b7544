using Orleans.Runtime;

namespace PersonalizedLine.Tests.Providers;

/// <summary>Just enough of a silo's identity for provider clients built outside a silo to name one.</summary>
internal sealed class NamedSilo(string name) : ILocalSiloDetails
{
    public string Name => name;

    public string ClusterId => "provider-tests";

    public string DnsHostName => "localhost";

    public SiloAddress SiloAddress => SiloAddress.New(System.Net.IPAddress.Loopback, 11111, 1);

    public SiloAddress GatewayAddress => SiloAddress.New(System.Net.IPAddress.Loopback, 30000, 1);
}
