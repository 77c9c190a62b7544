namespace PersonalizedLine.Grains.Telemetry;

/// <summary>Trace sampling. Metrics need no settings; the OTLP exporter reads the standard <c>OTEL_*</c> variables.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// The share of rows (0 to 1) that get a trace of their own, linked to their job's trace: a trace per row would
    /// be far too many.
    /// </summary>
    public double RowTraceSampleRatio { get; set; } = 0.01;

    /// <summary>
    /// Grain calls become spans of the trace that made them (Orleans' activity propagation). Off by default: every grain
    /// call then carries and starts an activity, which cost about 8 % of the throughput at 1,000 rows in flight on one
    /// 2-core silo (docs/BENCHMARKS.md). Sampled rows keep their own traces, linked to their job, either way.
    /// </summary>
    public bool TraceGrainCalls { get; set; }
}
