using OpenTelemetry.Trace;
using PersonalizedLine.Grains.Telemetry;

namespace PersonalizedLine.Silo.Hosting.Telemetry;

/// <summary>
/// Which spans are recorded. A trace starts only at an API request, a job's submission or a sampled row (the
/// product decides which rows, <see cref="TelemetryOptions.RowTraceSampleRatio"/>): grain calls of timers and
/// background work, and provider calls of unsampled rows, start none. Inside a recorded trace everything is recorded
/// except the calls that start and report rows (row runners), which would put every row of a file into its job's trace.
/// </summary>
public sealed class TraceSampler : Sampler
{
    private const string AspNetCoreRequest = "Microsoft.AspNetCore.Hosting.HttpRequestIn";
    private const string RowRunnerCall = "IRowRunnerGrain/";

    private static readonly SamplingResult Recorded = new(SamplingDecision.RecordAndSample);
    private static readonly SamplingResult Dropped = new(SamplingDecision.Drop);

    public TraceSampler() => Description = nameof(TraceSampler);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters)
    {
        var name = samplingParameters.Name;
        var parent = samplingParameters.ParentContext;
        if (parent.TraceId != default)
        {
            var parentRecorded = (parent.TraceFlags & System.Diagnostics.ActivityTraceFlags.Recorded) != 0;
            return parentRecorded && !name.Contains(RowRunnerCall, StringComparison.Ordinal) ? Recorded : Dropped;
        }

        return name == AspNetCoreRequest || name.StartsWith(ProductTelemetry.Name + ".", StringComparison.Ordinal) ? Recorded : Dropped;
    }
}
