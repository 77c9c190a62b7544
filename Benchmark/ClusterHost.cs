namespace PersonalizedLine.Benchmark;

/// <summary>
/// The product as a real local cluster: <c>scripts/cluster up N</c> (Redis membership, PostgreSQL grain state, N silo
/// processes and the HTTP API, distributed profile) in a fresh temporary <c>CLUSTER_DIR</c> on free ports, configured
/// through the environment the script's processes inherit, and driven over HTTP as the API host is
/// (<see cref="HttpJobDriver"/>). The product's CPU is the API's and the silos' together; each process, Redis's and
/// PostgreSQL's are reported apart (<see cref="SampleProcesses"/>). <c>scripts/cluster down</c> always ends it.
/// </summary>
public sealed class ClusterHost : IBenchmarkHost
{
    private readonly TemporaryDirectory _directory;
    private readonly ClusterScript _script;
    private readonly IReadOnlyList<ClusterProcess> _processes;
    private readonly HttpJobDriver _jobs;
    private readonly int _silos;
    private bool _failed;

    private ClusterHost(TemporaryDirectory directory, ClusterScript script, IReadOnlyList<ClusterProcess> processes, ClusterPorts ports, BenchmarkSettings settings)
    {
        _directory = directory;
        _script = script;
        _processes = processes;
        _silos = settings.Silos;
        _jobs = new HttpJobDriver(new Uri($"http://127.0.0.1:{ports.Api}"), settings, ProductCpu, Failure);
    }

    public string Description =>
        $"local cluster by {ClusterScript.RelativePath} up {_silos}: {_silos} silo process{(_silos == 1 ? string.Empty : "es")} and the API process, "
        + $"distributed profile (Redis membership, PostgreSQL state), in {_script.ClusterDirectory}";

    public bool SharesTheBenchmarkProcess => false;

    /// <summary>Starts the cluster and returns once every silo and the API are ready.</summary>
    /// <param name="settings">The benchmark's settings; <see cref="BenchmarkSettings.Silos"/> silos are started.</param>
    /// <param name="emulator">The providers' stand-in every process is pointed at.</param>
    /// <param name="cancellationToken">Gives up starting (what was started is stopped).</param>
    public static async Task<ClusterHost> StartAsync(BenchmarkSettings settings, ProviderEmulator.ProviderEmulator emulator, CancellationToken cancellationToken)
    {
        var path = ClusterScript.Find();
        var ports = ClusterPorts.Pick(settings.Silos);
        // The same settings as the API host's, minus the embedded profile's data directory: the script sets each
        // process's cluster profile and connection strings itself.
        var environment = ProductSettings.AsEnvironment(ProductSettings.For(settings, emulator, dataDirectory: null));
        foreach (var (key, value) in ports.AsEnvironment())
        {
            environment[key] = value;
        }

        var directory = new TemporaryDirectory("pl-benchmark-cluster");
        var script = new ClusterScript(path, directory.Path, environment);
        try
        {
            await script.UpAsync(settings.Silos, cancellationToken);
            return new ClusterHost(directory, script, ClusterProcess.FromPidFiles(script.PidDirectory), ports, settings);
        }
        catch (OperationCanceledException)
        {
            await script.DownAsync();
            script.Dispose();
            directory.Dispose();
            throw;
        }
        catch (Exception ex)
        {
            await script.DownAsync();
            script.Dispose();
            KeepLogsOnly(script);
            throw new InvalidOperationException($"The cluster did not start; its logs are kept in {script.LogDirectory}", ex);
        }
    }

    /// <summary>The API's and the silos' CPU together.</summary>
    public TimeSpan ProductCpu() => Read(() => _processes.Where(process => process.IsProduct).Aggregate(TimeSpan.Zero, (sum, process) => sum + process.Cpu()));

    /// <summary>
    /// The API's and the silos' resident sets added up. Each peak is its own process's, reached at its own moment, so
    /// their sum is an upper bound of the cluster's peak; <see cref="SampleProcesses"/> gives them one by one.
    /// </summary>
    public ProcessMemory ProductMemory() => Read(() =>
    {
        var memory = _processes.Where(process => process.IsProduct).Select(process => ProcessMemory.Of(process.Id)).ToList();
        return new ProcessMemory(memory.Sum(m => m.PeakBytes), memory.Sum(m => m.CurrentBytes));
    });

    public IReadOnlyList<ProcessSample> SampleProcesses() => Read(() => _processes.Select(process => process.Sample()).ToList());

    public Task<JobMeasurement> RunJobAsync(int rows, CancellationToken cancellationToken) => _jobs.RunJobAsync(rows, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _jobs.Dispose();
        await _script.DownAsync();
        _script.Dispose();
        if (_failed)
        {
            KeepLogsOnly(_script);
            Console.Error.WriteLine($"The cluster's logs are kept in {_script.LogDirectory} (the script's own output in {_script.OutputFile}).");
        }
        else
        {
            _directory.Dispose();
        }
    }

    /// <summary>After a failure: the logs and the script's output stay, Redis's and PostgreSQL's data go.</summary>
    private static void KeepLogsOnly(ClusterScript script)
    {
        foreach (var data in new[] { "redis", "postgres" }.Select(name => Path.Combine(script.ClusterDirectory, name)).Where(Directory.Exists))
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A server that did not stop still writes there: the data stays with the logs, the failure is reported.
            }
        }
    }

    /// <summary>A process of the cluster that is gone makes the figures meaningless: that is a failure, with the logs kept.</summary>
    private T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw Failure($"A process of the cluster could not be read ({ex.Message}); one may have exited", ex);
        }
    }

    /// <summary>An error with the API's last log lines; the cluster's logs are then kept.</summary>
    private InvalidOperationException Failure(string message, Exception? cause)
    {
        _failed = true;
        var apiLog = Path.Combine(_script.LogDirectory, "api.log");
        return new InvalidOperationException($"{message}. Last lines of {apiLog}:\n{LogTail.Read(apiLog, 30)}", cause);
    }
}
