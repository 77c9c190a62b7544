namespace PersonalizedLine.Benchmark;

/// <summary>
/// A moment of a benchmarked job: time since the job's upload began, and the CPU used so far by the product's
/// process and by the benchmark's own (the same process when the product is hosted in it).
/// </summary>
public sealed record PhaseMark(TimeSpan Elapsed, TimeSpan ProductCpu, TimeSpan BenchmarkCpu);
