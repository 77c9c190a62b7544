using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PersonalizedLine.Silo.Hosting;
using Serilog.Events;

namespace PersonalizedLine.Benchmark;

/// <summary>
/// The silos the benchmark runs on, each built by the product's own hosting (<c>AddPersonalizedLineSilo</c>), all in
/// this process.
/// </summary>
/// <remarks>
/// One silo is the embedded profile, as before. Several silos use the <see cref="ClusterMode.Localhost"/> profile,
/// the one meant for several silos on one machine: in-memory storage and reminders, and membership kept by the
/// primary silo, which the others join through <c>Cluster__PrimarySiloPort</c>. Each silo gets its own free
/// loopback ports, as <c>scripts/cluster</c> gives each process its own. They are hosts in one process rather than
/// separate processes because Orleans supports several silos in one process (its in-process test cluster, which the
/// project's cluster tests use, does the same) and the product keeps no mutable static state that they would
/// share; the benchmark can then read the emulator's quota report, submit and download in process, with nothing to
/// build, start, wait for or clean up. The silos share the process's two cores and garbage collector, as separate
/// processes on this machine would share its two cores.
/// </remarks>
public sealed class BenchmarkCluster : IAsyncDisposable
{
    private static readonly TimeSpan JoinDeadline = TimeSpan.FromSeconds(60);
    private readonly List<IHost> _hosts;

    private BenchmarkCluster(List<IHost> hosts) => _hosts = hosts;

    /// <summary>The first (primary) silo's services: jobs are submitted and downloaded through it.</summary>
    public IServiceProvider Services => _hosts[0].Services;

    public int Silos => _hosts.Count;

    public static async Task<BenchmarkCluster> StartAsync(int silos, IReadOnlyDictionary<string, string?> settings)
    {
        var hosts = new List<IHost>();
        var primaryPort = FreePort.Pick();
        for (var i = 0; i < silos; i++)
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(settings);
            if (silos > 1)
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Cluster:Mode"] = nameof(ClusterMode.Localhost),
                    ["Cluster:SiloName"] = $"silo-{i + 1}",
                    ["Cluster:PrimarySiloPort"] = primaryPort.ToString(CultureInfo.InvariantCulture),
                    ["Cluster:SiloPort"] = (i == 0 ? primaryPort : FreePort.Pick()).ToString(CultureInfo.InvariantCulture),
                    ["Cluster:GatewayPort"] = FreePort.Pick().ToString(CultureInfo.InvariantCulture),
                });
            }

            builder.AddPersonalizedLineLogging(consoleLevel: LogEventLevel.Warning);
            builder.AddPersonalizedLineSilo(withDashboard: false);
            var host = builder.Build();
            // The primary first: the others join through it.
            await host.StartAsync();
            hosts.Add(host);
        }

        var cluster = new BenchmarkCluster(hosts);
        await cluster.WaitUntilAllActiveAsync();
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        // The primary last: it keeps the membership the others leave through.
        for (var i = _hosts.Count - 1; i >= 0; i--)
        {
            await _hosts[i].StopAsync();
            _hosts[i].Dispose();
        }
    }

    /// <summary>Rows are spread over the silos that are active when the job starts: wait until every one is.</summary>
    private async Task WaitUntilAllActiveAsync()
    {
        var management = Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow + JoinDeadline;
        while ((await management.GetHosts(onlyActive: true)).Count < _hosts.Count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not all {_hosts.Count} silos joined the cluster within {JoinDeadline.TotalSeconds:N0} s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
