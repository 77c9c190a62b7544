using System.Diagnostics;

namespace PersonalizedLine.Benchmark;

/// <summary>Takes <see cref="PhaseMark"/>s of one job: a stopwatch started with the upload, and both processes' CPU.</summary>
public sealed class JobClock(Func<TimeSpan> productCpu)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public TimeSpan Elapsed => _clock.Elapsed;

    public PhaseMark Mark() => new(_clock.Elapsed, productCpu(), ProcessCpu.OfThisProcess());
}
