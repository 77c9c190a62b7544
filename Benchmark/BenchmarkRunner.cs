using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Submission;

namespace PersonalizedLine.Benchmark;

/// <summary>Runs generated leads through the real submit → process → download path of a started host.</summary>
public sealed class BenchmarkRunner(IServiceProvider services, int rowsPerRequest = 1, bool batch = false)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public async Task<JobMeasurement> RunAsync(int rows)
    {
        var clock = Stopwatch.StartNew();
        using var leads = LeadGenerator.Generate(rows, runTag: Guid.NewGuid().ToString("N")[..8]);
        var uploaded = TimeSpan.Zero;
        var progress = await services.GetRequiredService<JobSubmitter>().SubmitAsync(
            leads,
            new JobRequest("benchmark.csv", RowsPerRequest: rowsPerRequest, Mode: batch ? JobMode.Batch : JobMode.Online),
            _ =>
            {
                uploaded = clock.Elapsed;
                return Task.CompletedTask;
            },
            CancellationToken.None);
        var submitted = clock.Elapsed;

        var job = services.GetRequiredService<IGrainFactory>().GetGrain<IJobGrain>(progress.JobId);
        while (progress.Status is JobStatus.Queued or JobStatus.Running)
        {
            await Task.Delay(PollInterval);
            progress = await job.GetProgress() ?? progress;
        }

        var lastRow = clock.Elapsed;
        var manifest = await job.GetManifest() ?? throw new InvalidOperationException("The job vanished.");
        var output = new CountingStream();
        await services.GetRequiredService<JobResultWriter>().WriteAsync(progress.JobId, manifest, output, CancellationToken.None);
        return new JobMeasurement(progress, uploaded, submitted, lastRow, clock.Elapsed - lastRow, output.Length, output.Lines);
    }
}
