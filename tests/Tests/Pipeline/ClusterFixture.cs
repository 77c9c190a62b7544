using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.TestingHost;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Processing;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Silo.Hosting;
using PersonalizedLine.Tests.Support;
using PersonalizedLine.Tests.Support.StorageFaults;

namespace PersonalizedLine.Tests.Pipeline;

/// <summary>
/// An in-process cluster of real silos (TestingHost) running the real grains, limiter and provider clients
/// against the provider emulator over real HTTP. The response timeout is cut to a few seconds so that a test
/// can show a row outliving it.
/// </summary>
public abstract class ClusterFixture(short silos, int maxConcurrentRowsPerSilo, IReadOnlyDictionary<string, string?>? overrides = null) : IAsyncLifetime
{
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(3);

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public ProviderEmulator.ProviderEmulator Emulator { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        Emulator = await ProviderEmulator.ProviderEmulator.StartAsync();
        var settings = PipelineSettings.For(Emulator, maxConcurrentRowsPerSilo);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(settings);
            host.Services.AddPersonalizedLineCore(host.Configuration);
            host.Services.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = MessagingTimeout);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            ConfigureStorage(silo);
            ConfigureSilo(silo);
        });
        builder.ConfigureClientHost(host =>
            host.Services.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = MessagingTimeout));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Orleans' response timeout in this cluster: <see cref="ResponseTimeout"/> unless a fixture needs the product's own.</summary>
    protected virtual TimeSpan MessagingTimeout => ResponseTimeout;

    /// <summary>Extra silo configuration of a fixture (e.g. reminders ticking faster than Orleans' one-minute floor).</summary>
    protected virtual void ConfigureSilo(ISiloBuilder silo)
    {
    }

    public async Task DisposeAsync()
    {
        StorageFaultRegistry.Release(Cluster.Options.ClusterId);
        await Cluster.DisposeAsync();
        await Emulator.DisposeAsync();
    }

    /// <summary>
    /// The cluster's storage-fault switchboard, for a fixture whose <see cref="ConfigureStorage"/> puts
    /// <see cref="FaultInjectingGrainStorage"/> on the silos; unused otherwise.
    /// </summary>
    public GrainStorageFaults StorageFaults => StorageFaultRegistry.For(Cluster.Options.ClusterId);

    /// <summary>
    /// Grain storage and reminders on each silo: in memory. A fixture testing storage failures overrides it with
    /// <c>silo.AddFaultInjectingMemoryGrainStorage().UseInMemoryReminderService()</c> and drives <see cref="StorageFaults"/>.
    /// </summary>
    protected virtual void ConfigureStorage(ISiloBuilder silo) => silo.AddInMemoryStateAndReminders();

    /// <summary>Each silo's row limiter, to see where rows ran and how many ran at once.</summary>
    public IReadOnlyList<RowConcurrencyLimiter> Limiters =>
        Cluster.Silos.Select(silo => silo.ServiceProvider.GetRequiredService<RowConcurrencyLimiter>()).ToList();

    /// <summary>Each silo's name, as its provider clients send it in the silo header.</summary>
    public IReadOnlyList<string> SiloNames =>
        Cluster.Silos.Select(silo => silo.ServiceProvider.GetRequiredService<ILocalSiloDetails>().Name).ToList();

    public JobSubmitter Submitter => new(Client, Options.Create(new UploadOptions()), Options.Create(new LlmOptions()));

    /// <summary>Submits a CSV, waits until the job is finished, and returns its progress and parsed output.</summary>
    public async Task<(JobProgress Progress, CsvOutput Output)> RunAsync(string csv, TimeSpan deadline, JobRequest? request = null)
    {
        var progress = await Submitter.SubmitAsync(LeadFiles.Stream(csv), request ?? new JobRequest("leads.csv"), null, CancellationToken.None);
        progress = await WaitUntilFinishedAsync(progress.JobId, deadline);
        return (progress, await DownloadAsync(progress.JobId));
    }

    public async Task<JobProgress> WaitUntilFinishedAsync(string jobId, TimeSpan deadline)
    {
        var job = Client.GetGrain<IJobGrain>(jobId);
        var progress = await Eventually.ReturnsAsync(
            () => job.GetProgress(),
            p => p is { Status: JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled },
            deadline,
            $"job {jobId} to finish");
        return progress!;
    }

    public async Task<CsvOutput> DownloadAsync(string jobId)
    {
        var manifest = await Client.GetGrain<IJobGrain>(jobId).GetManifest();
        Assert.NotNull(manifest);
        using var output = new MemoryStream();
        await new JobResultWriter(Client).WriteAsync(jobId, manifest, output, CancellationToken.None);
        output.Position = 0;
        return await CsvOutput.ParseAsync(output);
    }
}
