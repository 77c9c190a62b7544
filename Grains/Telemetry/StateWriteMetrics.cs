using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PersonalizedLine.Grains.Telemetry;

/// <summary>Grain state writes of chunks and jobs: how many, how many failed, and how long they took.</summary>
public static class StateWriteMetrics
{
    public const string Chunk = "chunk";
    public const string Job = "job";

    private static readonly Counter<long> Writes = ProductTelemetry.Meter.CreateCounter<long>(
        "personalizedline.state.writes", description: "Chunk and job state writes, by kind and outcome (ok, failed).");

    private static readonly Histogram<double> Duration = ProductTelemetry.Meter.CreateHistogram(
        "personalizedline.state.write.duration", unit: "s", description: "How long a chunk or job state write took.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ProductTelemetry.SecondsBuckets });

    /// <summary>Awaits <paramref name="write"/>, counting it; a failure is counted and rethrown unchanged.</summary>
    public static async Task Track(string kind, Task write)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            await write;
            outcome = "ok";
        }
        finally
        {
            var kindTag = new KeyValuePair<string, object?>(TelemetryTags.Kind, kind);
            Writes.Add(1, kindTag, new KeyValuePair<string, object?>(TelemetryTags.Outcome, outcome));
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, kindTag);
        }
    }
}
