namespace PersonalizedLine.Benchmark;

/// <summary>What one benchmarked job did, how long each phase took and the CPU each process spent on it.</summary>
/// <param name="Outcome">The job's end as the product reported it.</param>
/// <param name="Start">Before the upload began.</param>
/// <param name="Uploaded">When the product had read the whole file, if the host can tell (in process); else null.</param>
/// <param name="Submitted">When the submission returned: the job had started.</param>
/// <param name="LastRow">When the job was seen finished.</param>
/// <param name="Downloaded">When the whole result had been read.</param>
public sealed record JobMeasurement(
    JobOutcome Outcome,
    PhaseMark Start,
    TimeSpan? Uploaded,
    PhaseMark Submitted,
    PhaseMark LastRow,
    PhaseMark Downloaded,
    long OutputBytes,
    long OutputLines)
{
    /// <summary>The job's own clock: from its start (upload complete) to its last row.</summary>
    public double JobSeconds => (Outcome.FinishedAt!.Value - Outcome.StartedAt!.Value).TotalSeconds;

    public TimeSpan Upload => Uploaded ?? Submitted.Elapsed - Start.Elapsed;

    public TimeSpan Download => Downloaded.Elapsed - LastRow.Elapsed;

    /// <summary>Upload start to download end.</summary>
    public TimeSpan Wall => Downloaded.Elapsed - Start.Elapsed;

    /// <summary>The product's process over the whole job: upload to download.</summary>
    public TimeSpan ProductCpu => Downloaded.ProductCpu - Start.ProductCpu;

    /// <summary>The product's process from the job's start (submission returned) to its last row.</summary>
    public TimeSpan ProcessingCpu => LastRow.ProductCpu - Submitted.ProductCpu;

    public TimeSpan ProcessingWall => LastRow.Elapsed - Submitted.Elapsed;

    /// <summary>The benchmark's process (emulator and load) over the whole job.</summary>
    public TimeSpan BenchmarkCpu => Downloaded.BenchmarkCpu - Start.BenchmarkCpu;
}
