using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.ProviderEmulator;

namespace PersonalizedLine.Tests.Providers;

/// <summary>
/// The header naming the calling silo, as the emulator sees it: one value per request however often it is retried,
/// and nothing at all outside a silo.
/// </summary>
public sealed class SiloHeaderTests
{
    [Fact]
    public async Task A_retried_call_names_its_silo_once_on_every_attempt()
    {
        await using var host = await ProviderTestHost.StartAsync(services: s => s.AddSingleton<ILocalSiloDetails>(new NamedSilo("silo-a")));
        host.Emulator.Llm.EnqueueFaults(Fault.Status(500), Fault.Status(503));

        await host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None);

        Assert.Equal(3, host.Emulator.Llm.TotalRequests);
        // A header repeated by a retry would read "silo-a, silo-a" and show up as a silo of its own.
        Assert.Equal(["silo-a"], host.Emulator.Silos.MaxInFlight.Keys);
        Assert.Equal(SiloHeaderHandler.HeaderName, SiloConcurrency.HeaderName);
    }

    [Fact]
    public async Task Outside_a_silo_no_header_is_sent()
    {
        await using var host = await ProviderTestHost.StartAsync();

        await host.Writer.WriteLineAsync(ProviderTestHost.Line(), CancellationToken.None);

        Assert.Equal(1, host.Emulator.Llm.TotalRequests);
        Assert.Empty(host.Emulator.Silos.MaxInFlight);
    }
}
