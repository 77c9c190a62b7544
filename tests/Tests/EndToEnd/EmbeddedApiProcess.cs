using System.Globalization;
using PersonalizedLine.Silo.Hosting;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.EndToEnd;

/// <summary>
/// The API as a real process in the embedded default (its own silo, state on disk in a data directory of its own),
/// its providers pointed at an emulator in the test process. It can be killed and started again on the same data.
/// </summary>
public sealed class EmbeddedApiProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(90);

    private readonly TempDataDirectory _data = new();
    private readonly string _logs = ServerProcess.CreateTempDirectory("pl-logs");

    private EmbeddedApiProcess(Dictionary<string, string?> environment)
    {
        _data.AddTo(environment, separator: "__");
        Api = new NodeProcess("api", "PersonalizedLine.Client.Api.dll", environment.ToDictionary(e => e.Key, e => e.Value!), FreePort.Pick(), _logs);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Api.HttpPort}"), Timeout = TimeSpan.FromMinutes(5) };
    }

    public NodeProcess Api { get; }

    public HttpClient Http { get; }

    /// <summary>The data directory (<c>Storage__Path</c>) the process keeps its state in.</summary>
    public string DataPath => _data.Path;

    /// <param name="emulator">The providers' stand-in.</param>
    /// <param name="rowsInFlight"><c>Processing__MaxConcurrentRowsPerSilo</c>.</param>
    /// <param name="overrides">Further settings, in configuration-key form (<c>Processing:ChunkSize</c>).</param>
    public static async Task<EmbeddedApiProcess> StartAsync(
        ProviderEmulator.ProviderEmulator emulator, int rowsInFlight, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = PipelineSettings.For(emulator, rowsInFlight);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        settings["Cluster:Mode"] = nameof(ClusterMode.Embedded);
        var environment = settings.Where(setting => setting.Value is not null)
            .ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value);
        var process = new EmbeddedApiProcess(environment);
        try
        {
            await process.Api.StartAsync(ReadyWithin);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return process;
    }

    /// <summary>Starts the process again on the same data directory and port, after a kill.</summary>
    public Task RestartAsync() => Api.StartAsync(ReadyWithin);

    /// <summary>The process's peak resident set so far (VmHWM in /proc/PID/status), in bytes.</summary>
    public long PeakWorkingSetBytes()
    {
        var status = File.ReadAllLines($"/proc/{Api.ProcessId}/status");
        var line = status.Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Api.KillAsync();
        _data.Dispose();
        ServerProcess.DeleteDirectory(_logs);
    }
}
