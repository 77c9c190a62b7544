using System.Diagnostics;

namespace PersonalizedLine.Grains.Telemetry;

/// <summary>The span of a job's submission (upload, rows stored, job sealed): the trace a job's sampled rows link to.</summary>
public static class JobTracing
{
    public const string SubmitActivityName = ProductTelemetry.Name + ".SubmitJob";

    public static Activity? StartSubmit(string jobId)
    {
        var activity = ProductTelemetry.ActivitySource.StartActivity(SubmitActivityName, ActivityKind.Internal);
        activity?.SetTag(TelemetryTags.JobId, jobId);
        return activity;
    }
}
