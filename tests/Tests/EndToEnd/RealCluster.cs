using PersonalizedLine.Silo.Hosting;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.EndToEnd;

/// <summary>
/// A cluster of real processes in the distributed profile: silos and the API, on real Redis and PostgreSQL, talking
/// to the provider emulator in the test process. Each instance has its own database and cluster id.
/// </summary>
public sealed class RealCluster : IAsyncDisposable
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(90);
    private readonly List<NodeProcess> _silos = [];
    private readonly Dictionary<string, string> _environment;
    private readonly string _logDirectory;

    private RealCluster(Dictionary<string, string> environment, string logDirectory, string database)
    {
        _environment = environment;
        _logDirectory = logDirectory;
        Database = database;
    }

    /// <summary>The cluster's PostgreSQL database, also its service id.</summary>
    public string Database { get; }

    public NodeProcess Api { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public IReadOnlyList<NodeProcess> Silos => _silos;

    public static async Task<RealCluster> StartAsync(
        string name,
        int silos,
        RedisServer redis,
        PostgresServer postgres,
        ProviderEmulator.ProviderEmulator emulator,
        IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = $"e2e_{name}_{Guid.NewGuid():N}"[..40];
        await postgres.CreateDatabaseAsync(database);
        await postgres.ApplySchemaAsync(database);
        var logDirectory = Directory.CreateTempSubdirectory($"personalizedline-{name}-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["Cluster__Mode"] = nameof(ClusterMode.Distributed),
            ["Cluster__ClusterId"] = database,
            ["Cluster__ServiceId"] = database,
            ["Cluster__ShutdownTimeout"] = "00:00:30",
            ["ConnectionStrings__Redis"] = redis.ConnectionString,
            ["ConnectionStrings__Postgres"] = postgres.ConnectionStringFor(database),
            ["Research__BaseUrl"] = emulator.SearchBaseUrl.ToString(),
            ["Research__ApiKey"] = "e2e-search-key",
            ["Llm__BaseUrl"] = emulator.LlmBaseUrl.ToString(),
            ["Llm__ApiKey"] = "e2e-llm-key",
            ["Processing__MaxConcurrentRowsPerSilo"] = "25",
            ["Processing__ChunkSize"] = "50",
            ["Processing__ResultFlushInterval"] = "00:00:00.500",
            ["Processing__PendingRowRetryInterval"] = "00:00:03",
            ["Processing__ResumeInterval"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var cluster = new RealCluster(environment, logDirectory, database);
        for (var i = 1; i <= silos; i++)
        {
            cluster._silos.Add(cluster.CreateSilo(i));
        }

        await Task.WhenAll(cluster._silos.Select(silo => silo.StartAsync(ReadyWithin)));
        cluster.Api = new NodeProcess("api", "PersonalizedLine.Client.Api.dll", environment, TestPorts.Pick(), logDirectory);
        await cluster.Api.StartAsync(ReadyWithin);
        cluster.Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{cluster.Api.HttpPort}"), Timeout = TimeSpan.FromSeconds(30) };
        return cluster;
    }

    /// <summary>Starts one more silo, which joins the running cluster through Redis.</summary>
    public async Task<NodeProcess> AddSiloAsync()
    {
        var silo = CreateSilo(_silos.Count + 1);
        _silos.Add(silo);
        await silo.StartAsync(ReadyWithin);
        return silo;
    }

    /// <summary>Starts a silo that was killed or stopped again, on the same ports, as a supervisor would.</summary>
    public Task RestartSiloAsync(int index) => _silos[index].StartAsync(ReadyWithin);

    /// <summary>Starts the API process again (after a kill) on the same port.</summary>
    public Task RestartApiAsync() => Api.StartAsync(ReadyWithin);

    public string Logs() => string.Join("\n\n", _silos.Append(Api).Select(node => $"== {node.Name}\n{node.Tail()}"));

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        foreach (var node in _silos.Append(Api).Where(node => node is not null))
        {
            await node.KillAsync();
        }

        // Failure messages already carry each process's last log lines.
        Directory.Delete(_logDirectory, recursive: true);
    }

    private NodeProcess CreateSilo(int index)
    {
        var environment = new Dictionary<string, string>(_environment)
        {
            ["Cluster__SiloName"] = $"silo-{index}",
            ["Cluster__SiloPort"] = TestPorts.Pick().ToString(),
            ["Cluster__GatewayPort"] = TestPorts.Pick().ToString(),
        };
        return new NodeProcess($"silo-{index}", "PersonalizedLine.Silo.dll", environment, TestPorts.Pick(), _logDirectory);
    }
}
