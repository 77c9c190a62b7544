using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Benchmark;

/// <summary>What one benchmarked job did and how long each phase took.</summary>
public sealed record JobMeasurement(
    JobProgress Progress,
    TimeSpan Upload,
    TimeSpan SubmitReturned,
    TimeSpan LastRow,
    TimeSpan Download,
    long OutputBytes,
    long OutputLines)
{
    /// <summary>The job's own clock: from its start (upload complete) to its last row.</summary>
    public double JobSeconds => (Progress.FinishedAt!.Value - Progress.StartedAt!.Value).TotalSeconds;
}
