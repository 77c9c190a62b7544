using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.EndToEnd;

/// <summary>Real Redis and PostgreSQL servers and the provider emulator (with realistic latency), shared by the end-to-end tests.</summary>
public sealed class EndToEndServers : IAsyncLifetime
{
    public RedisServer Redis { get; } = new();

    public PostgresServer Postgres { get; } = new();

    public ProviderEmulator.ProviderEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Redis.InitializeAsync(), Postgres.InitializeAsync());
        Emulator = await ProviderEmulator.ProviderEmulator.StartAsync(new ProviderEmulator.EmulatorOptions { RecordedRequestLimit = 0 });
    }

    public async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
