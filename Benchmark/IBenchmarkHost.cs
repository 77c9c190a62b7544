namespace PersonalizedLine.Benchmark;

/// <summary>A running product the benchmark submits jobs to, and whose process it measures.</summary>
public interface IBenchmarkHost : IAsyncDisposable
{
    /// <summary>What runs where, for the report.</summary>
    string Description { get; }

    /// <summary>Whether the product runs in the benchmark's own process: its CPU and memory then include the emulator's.</summary>
    bool SharesTheBenchmarkProcess { get; }

    /// <summary>CPU the product's process has used since it started (a cluster's: its API and silo processes' together).</summary>
    TimeSpan ProductCpu();

    /// <summary>The product's process's resident set, peak and now (a cluster's: added up over its processes).</summary>
    ProcessMemory ProductMemory();

    /// <summary>
    /// Each process of the product and of the servers it uses, when it runs as several (a cluster); empty when the
    /// product is one process, which <see cref="ProductCpu"/> and <see cref="ProductMemory"/> already describe.
    /// </summary>
    IReadOnlyList<ProcessSample> SampleProcesses() => [];

    /// <summary>Generates <paramref name="rows"/> leads, runs them as one job and downloads the result.</summary>
    Task<JobMeasurement> RunJobAsync(int rows, CancellationToken cancellationToken);
}
