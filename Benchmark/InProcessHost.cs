using Microsoft.Extensions.DependencyInjection;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Pricing;
using PersonalizedLine.Grains.Submission;

namespace PersonalizedLine.Benchmark;

/// <summary>
/// The silos hosted in the benchmark's process (<see cref="BenchmarkCluster"/>), jobs submitted and downloaded through
/// the product's services directly. The emulator shares the process, so its CPU and memory are counted in; what the
/// product costs alone is measured by <see cref="ApiProcessHost"/>. The multi-silo and provider-limit scenarios run
/// here, because their report reads the cluster's grains.
/// </summary>
public sealed class InProcessHost : IBenchmarkHost
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly BenchmarkCluster _cluster;
    private readonly TemporaryDirectory _data;
    private readonly BenchmarkSettings _settings;

    private InProcessHost(BenchmarkCluster cluster, TemporaryDirectory data, BenchmarkSettings settings)
    {
        _cluster = cluster;
        _data = data;
        _settings = settings;
    }

    /// <summary>The first (primary) silo's services, for the provider limit report.</summary>
    public IServiceProvider Services => _cluster.Services;

    public string Description => _settings.Silos > 1
        ? $"{_settings.Silos} silos in the benchmark's process (Localhost profile, in-memory storage), beside the emulator"
        : "one silo in the benchmark's process (embedded profile, state on disk in a temporary directory), beside the emulator";

    public bool SharesTheBenchmarkProcess => true;

    public static async Task<InProcessHost> StartAsync(BenchmarkSettings settings, ProviderEmulator.ProviderEmulator emulator)
    {
        var data = new TemporaryDirectory("pl-benchmark-data");
        try
        {
            var cluster = await BenchmarkCluster.StartAsync(settings.Silos, ProductSettings.For(settings, emulator, data.Path));
            return new InProcessHost(cluster, data, settings);
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    public TimeSpan ProductCpu() => ProcessCpu.OfThisProcess();

    public ProcessMemory ProductMemory() => ProcessMemory.Of(Environment.ProcessId);

    public async Task<JobMeasurement> RunJobAsync(int rows, CancellationToken cancellationToken)
    {
        var services = _cluster.Services;
        var clock = new JobClock(ProductCpu);
        var start = clock.Mark();
        await using var leads = LeadGenerator.Open(rows, runTag: Guid.NewGuid().ToString("N")[..8]);
        TimeSpan? uploaded = null;
        var progress = await services.GetRequiredService<JobSubmitter>().SubmitAsync(
            leads,
            new JobRequest("benchmark.csv", RowsPerRequest: _settings.RowsPerRequest, Mode: _settings.Batch ? JobMode.Batch : JobMode.Online),
            _ =>
            {
                uploaded = clock.Elapsed;
                return Task.CompletedTask;
            },
            cancellationToken);
        var submitted = clock.Mark();

        var job = services.GetRequiredService<IGrainFactory>().GetGrain<IJobGrain>(progress.JobId);
        while (progress.Status is JobStatus.Queued or JobStatus.Running)
        {
            await Task.Delay(PollInterval, cancellationToken);
            progress = await job.GetProgress() ?? progress;
        }

        var lastRow = clock.Mark();
        var manifest = await job.GetManifest() ?? throw new InvalidOperationException("The job vanished.");
        var output = new CountingStream();
        await services.GetRequiredService<JobResultWriter>().WriteAsync(progress.JobId, manifest, output, cancellationToken);
        var downloaded = clock.Mark();
        var outcome = JobOutcome.From(progress, services.GetRequiredService<CostCalculator>());
        return new JobMeasurement(outcome, start, uploaded, submitted, lastRow, downloaded, output.Length, output.Lines);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _cluster.DisposeAsync();
        }
        finally
        {
            _data.Dispose();
        }
    }
}
