using System.Diagnostics;
using System.Diagnostics.Metrics;
using PersonalizedLine.Grains.Interfaces.Rows;

namespace PersonalizedLine.Grains.Telemetry;

/// <summary>Rows started, succeeded and failed (by reason) on a silo, and how long each took from its start.</summary>
public static class RowMetrics
{
    private static readonly Counter<long> Started = ProductTelemetry.Meter.CreateCounter<long>(
        "personalizedline.rows.started", description: "Rows a silo started processing (online rows; batch-mode rows count their research part).");

    private static readonly Counter<long> Succeeded = ProductTelemetry.Meter.CreateCounter<long>(
        "personalizedline.rows.succeeded", description: "Rows that got their line (or, in batch mode, their research).");

    private static readonly Counter<long> Failed = ProductTelemetry.Meter.CreateCounter<long>(
        "personalizedline.rows.failed", description: "Rows that failed or halted, by reason.");

    private static readonly Histogram<double> Duration = ProductTelemetry.Meter.CreateHistogram(
        "personalizedline.row.duration", unit: "s", description: "A row's time from its start on a silo (waits for a slot included) to its result.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ProductTelemetry.SecondsBuckets });

    public static void RowStarted(string silo) => Started.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Silo, silo));

    /// <param name="silo">The silo that ran the row.</param>
    /// <param name="result">The row's result.</param>
    /// <param name="failureReason">One of <see cref="RowFailureReason"/>, for a result that is not a success.</param>
    /// <param name="startedAt">The <see cref="Stopwatch.GetTimestamp"/> of the row's start.</param>
    public static void RowFinished(string silo, RowResult result, string? failureReason, long startedAt)
    {
        var siloTag = new KeyValuePair<string, object?>(TelemetryTags.Silo, silo);
        var success = result.Status is RowStatus.Ok or RowStatus.Researched;
        if (success)
        {
            Succeeded.Add(1, siloTag);
        }
        else
        {
            Failed.Add(1, siloTag, new KeyValuePair<string, object?>(TelemetryTags.Reason, failureReason ?? RowFailureReason.Unexpected));
        }

        Duration.Record(
            Stopwatch.GetElapsedTime(startedAt).TotalSeconds,
            siloTag,
            new KeyValuePair<string, object?>(TelemetryTags.Outcome, success ? "succeeded" : "failed"));
    }
}
