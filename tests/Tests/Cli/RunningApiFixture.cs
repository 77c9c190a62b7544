using PersonalizedLine.Client.Sdk;
using PersonalizedLine.Silo.Hosting;
using PersonalizedLine.Tests.EndToEnd;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Cli;

/// <summary>
/// The API as a real process in its default embedded profile, its providers pointed at the emulator in the test
/// process: what the CLI's client mode talks to. Two rows at a time, so a test can keep a job running with latency.
/// </summary>
public sealed class RunningApiFixture : IAsyncLifetime
{
    public const int ConcurrentRows = 2;

    private readonly TempDataDirectory _data = new();
    private NodeProcess _api = null!;

    public ProviderEmulator.ProviderEmulator Emulator { get; private set; } = null!;

    public string Url => $"http://127.0.0.1:{_api.HttpPort}";

    /// <summary>The typed client on the same API, to check what the CLI did.</summary>
    public PersonalizedLineClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await ProviderEmulator.ProviderEmulator.StartAsync(new ProviderEmulator.EmulatorOptions { RecordedRequestLimit = 0 });
        var environment = PipelineSettings.For(Emulator, ConcurrentRows)
            .ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value!);
        environment["Cluster__Mode"] = nameof(ClusterMode.Embedded);
        environment["Storage__Path"] = _data.Path;
        var logs = Directory.CreateTempSubdirectory("personalizedline-cli-api-").FullName;
        _api = new NodeProcess("api", "PersonalizedLine.Client.Api.dll", environment, FreePort.Pick(), logs);
        await _api.StartAsync(TimeSpan.FromSeconds(90));
        Client = PersonalizedLineClient.Create(new Uri(Url));
    }

    /// <summary>The API's log, for failure messages.</summary>
    public string ApiLog => _api.Tail();

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _api.StopAsync(TimeSpan.FromSeconds(30));
        await Emulator.DisposeAsync();
        _data.Dispose();
    }
}
