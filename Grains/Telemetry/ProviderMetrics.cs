using System.Diagnostics;
using System.Diagnostics.Metrics;
using PersonalizedLine.Grains.Limits;

namespace PersonalizedLine.Grains.Telemetry;

/// <summary>
/// Provider HTTP attempts (duration, and so count, by provider and status class), 429 answers, and waits for a
/// rate-limit permit of the cluster-wide limiter.
/// </summary>
public static class ProviderMetrics
{
    public const string Research = "research";
    public const string Llm = "llm";
    public const string Batch = "batch";

    private static readonly Histogram<double> RequestDuration = ProductTelemetry.Meter.CreateHistogram(
        "personalizedline.provider.request.duration", unit: "s",
        description: "One HTTP attempt to a provider, from its permit to its answer, by provider and status class (the count is the number of attempts).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ProductTelemetry.SecondsBuckets });

    private static readonly Counter<long> RateLimited = ProductTelemetry.Meter.CreateCounter<long>(
        "personalizedline.provider.rate_limited", description: "Provider answers with HTTP 429.");

    private static readonly Counter<long> PermitWaits = ProductTelemetry.Meter.CreateCounter<long>(
        "personalizedline.ratelimit.waits", description: "Provider calls that had to wait for a permit of the cluster-wide rate limit.");

    private static readonly Histogram<double> PermitWaitDuration = ProductTelemetry.Meter.CreateHistogram(
        "personalizedline.ratelimit.wait.duration", unit: "s", description: "How long a provider call waited for its rate-limit permit.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ProductTelemetry.SecondsBuckets });

    /// <param name="provider"><see cref="Research"/>, <see cref="Llm"/> or <see cref="Batch"/>.</param>
    /// <param name="silo">The calling silo.</param>
    /// <param name="statusCode">The answer's status, or null when no answer came (timeout, connection failure).</param>
    /// <param name="timedOut">No answer because the attempt was cut by its timeout.</param>
    /// <param name="startedAt">The <see cref="Stopwatch.GetTimestamp"/> of the attempt's start.</param>
    public static void RequestFinished(string provider, string silo, int? statusCode, bool timedOut, long startedAt)
    {
        var providerTag = new KeyValuePair<string, object?>(TelemetryTags.Provider, provider);
        var siloTag = new KeyValuePair<string, object?>(TelemetryTags.Silo, silo);
        RequestDuration.Record(
            Stopwatch.GetElapsedTime(startedAt).TotalSeconds,
            providerTag,
            siloTag,
            new KeyValuePair<string, object?>(TelemetryTags.StatusClass, StatusClass(statusCode, timedOut)));
        if (statusCode == 429)
        {
            RateLimited.Add(1, providerTag, siloTag);
        }
    }

    /// <summary>A call waited for a permit of the limiter named <paramref name="limitKey"/> since <paramref name="startedAt"/>.</summary>
    public static void PermitWaitEnded(string limitKey, long startedAt)
    {
        // The limiter's key names endpoint, key hash and model: only its kind goes on the metric.
        var providerTag = new KeyValuePair<string, object?>(TelemetryTags.Provider, ProviderOfLimit(limitKey));
        PermitWaits.Add(1, providerTag);
        PermitWaitDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, providerTag);
    }

    public static string NameOf(ProviderLimitKind kind) => kind switch
    {
        ProviderLimitKind.Llm => Llm,
        ProviderLimitKind.BatchApi => Batch,
        _ => Research,
    };

    public static string StatusClass(int? statusCode, bool timedOut) => statusCode switch
    {
        null => timedOut ? "timeout" : "error",
        429 => "429",
        >= 200 and < 300 => "2xx",
        >= 300 and < 400 => "3xx",
        >= 400 and < 500 => "4xx",
        _ => "5xx",
    };

    private static string ProviderOfLimit(string limitKey) =>
        limitKey.StartsWith("search", StringComparison.Ordinal) ? Research
        : limitKey.StartsWith("llm-batch", StringComparison.Ordinal) ? Batch
        : Llm;
}
