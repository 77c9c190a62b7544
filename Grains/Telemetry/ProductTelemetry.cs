using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PersonalizedLine.Grains.Telemetry;

/// <summary>
/// The product's one meter and one activity source, both named <see cref="Name"/>. Static, as .NET instruments are
/// meant to be: an instrument with no listener costs a branch, so the hot path pays nothing when nobody exports.
/// </summary>
public static class ProductTelemetry
{
    public const string Name = "PersonalizedLine";

    public static readonly Meter Meter = new(Name);

    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>
    /// Bucket bounds in seconds for durations from a 0 ms emulator answer up to a slow LLM row (OpenTelemetry's
    /// default buckets are sized for milliseconds).
    /// </summary>
    public static readonly IReadOnlyList<double> SecondsBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];
}
