using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using PersonalizedLine.Grains.Processing;

namespace PersonalizedLine.Grains.Telemetry;

/// <summary>
/// Rows in flight (holding a slot) and rows waiting for a slot, per silo, read from each silo's
/// <see cref="RowConcurrencyLimiter"/> when the metrics are collected. A process may host several silos (tests), so
/// every live limiter reports under its silo's name.
/// </summary>
public static class SiloRowGauges
{
    private static readonly ConcurrentDictionary<RowConcurrencyLimiter, string> Limiters = new();

    static SiloRowGauges()
    {
        ProductTelemetry.Meter.CreateObservableGauge(
            "personalizedline.rows.in_flight", () => Read(limiter => limiter.InFlight), description: "Rows holding a slot on a silo, talking to providers.");
        ProductTelemetry.Meter.CreateObservableGauge(
            "personalizedline.rows.waiting", () => Read(limiter => limiter.Waiting), description: "Rows on a silo waiting for a slot (Processing__MaxConcurrentRowsPerSilo).");
    }

    public static void Register(RowConcurrencyLimiter limiter, string silo) => Limiters[limiter] = silo;

    public static void Unregister(RowConcurrencyLimiter limiter) => Limiters.TryRemove(limiter, out _);

    private static IEnumerable<Measurement<int>> Read(Func<RowConcurrencyLimiter, int> value) =>
        Limiters.Select(entry => new Measurement<int>(value(entry.Key), new KeyValuePair<string, object?>(TelemetryTags.Silo, entry.Value)));
}
