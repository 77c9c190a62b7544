using PersonalizedLine.Silo.Hosting;

namespace PersonalizedLine.Benchmark;

/// <summary>
/// The product as users run it: the API process in the embedded default (its own silo, state on disk in a fresh
/// temporary <c>Storage__Path</c>), jobs uploaded, followed and downloaded over HTTP (<see cref="HttpJobDriver"/>).
/// The emulator and the load stay in the benchmark's process, so the API process's CPU and memory are the product's
/// alone.
/// </summary>
public sealed class ApiProcessHost : IBenchmarkHost
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(120);

    private readonly TemporaryDirectory _work;
    private readonly ApiProcess _api;
    private readonly HttpJobDriver _jobs;
    private bool _failed;

    private ApiProcessHost(TemporaryDirectory work, ApiProcess api, BenchmarkSettings settings)
    {
        _work = work;
        _api = api;
        _jobs = new HttpJobDriver(api.Address, settings, ProductCpu, Failure);
    }

    public string Description => $"API process (dotnet {ApiProcess.Assembly}, pid {_api.Id}, embedded default, state on disk in a temporary directory)";

    public bool SharesTheBenchmarkProcess => false;

    /// <summary>Starts the API process and waits until it is ready.</summary>
    /// <param name="settings">The benchmark's settings.</param>
    /// <param name="emulator">The providers' stand-in the API is pointed at.</param>
    /// <param name="cancellationToken">Gives up waiting (the process is then killed).</param>
    public static async Task<ApiProcessHost> StartAsync(BenchmarkSettings settings, ProviderEmulator.ProviderEmulator emulator, CancellationToken cancellationToken)
    {
        var work = new TemporaryDirectory("pl-benchmark");
        ApiProcess? api = null;
        try
        {
            var configuration = ProductSettings.For(settings, emulator, DataDirectory(work));
            configuration["Cluster:Mode"] = nameof(ClusterMode.Embedded);
            configuration["Storage:Mode"] = "Disk";
            api = ApiProcess.Start(ProductSettings.AsEnvironment(configuration), FreePort.Pick(), Path.Combine(work.Path, "api.log"), settings.ApiDirectory);
            await api.WaitUntilReadyAsync(ReadyWithin, cancellationToken);
            return new ApiProcessHost(work, api, settings);
        }
        catch
        {
            api?.Dispose();
            // The failure names the log: it stays, the data goes.
            Directory.Delete(DataDirectory(work), recursive: true);
            throw;
        }
    }

    public TimeSpan ProductCpu() => _api.Cpu();

    public ProcessMemory ProductMemory() => _api.Memory();

    public Task<JobMeasurement> RunJobAsync(int rows, CancellationToken cancellationToken) => _jobs.RunJobAsync(rows, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _jobs.Dispose();
        _api.Dispose();
        // After the process is gone: its data directory (the SQLite file) goes with the run, and so does the log
        // unless a failure named it.
        if (_failed)
        {
            Directory.Delete(DataDirectory(_work), recursive: true);
        }
        else
        {
            _work.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static string DataDirectory(TemporaryDirectory work) => Directory.CreateDirectory(Path.Combine(work.Path, "data")).FullName;

    /// <summary>An error with the API's last log lines; the log is then kept.</summary>
    private InvalidOperationException Failure(string message, Exception? cause)
    {
        _failed = true;
        return _api.Failure(message, cause);
    }
}
