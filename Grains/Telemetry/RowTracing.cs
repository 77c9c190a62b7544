using System.Diagnostics;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Rows;

namespace PersonalizedLine.Grains.Telemetry;

/// <summary>
/// Starts the trace of a sampled row (<see cref="TelemetryOptions.RowTraceSampleRatio"/>): a trace of its own, linked to
/// the trace of the grain call that started it (its job's), tagged with job id, chunk and row number only — never
/// lead data. Every row, sampled or not, leaves the starting call's trace, so provider calls of unsampled rows are
/// not recorded under the job.
/// </summary>
public sealed class RowTracing(IOptions<TelemetryOptions> options)
{
    public const string ActivityName = ProductTelemetry.Name + ".Row";

    private readonly double _ratio = options.Value.RowTraceSampleRatio;

    /// <summary>Call at the start of the row's own async flow: it replaces <see cref="Activity.Current"/> there.</summary>
    public Activity? Start(RowRequest request)
    {
        var caller = Activity.Current;
        Activity.Current = null;
        if (_ratio <= 0 || !ProductTelemetry.ActivitySource.HasListeners() || (_ratio < 1 && Random.Shared.NextDouble() >= _ratio))
        {
            return null;
        }

        ActivityLink[]? links = caller is null ? null : [new ActivityLink(caller.Context)];
        var activity = ProductTelemetry.ActivitySource.StartActivity(ActivityName, ActivityKind.Internal, default(ActivityContext), links: links);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(TelemetryTags.JobId, request.JobId);
            activity.SetTag(TelemetryTags.Chunk, request.ChunkKey);
            activity.SetTag(TelemetryTags.Row, request.RowNumber);
        }

        return activity;
    }
}
