using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Webhooks;

namespace PersonalizedLine.Tests.Webhooks;

/// <summary>Job outcomes for the tests, each for a fresh job id unless one is given.</summary>
internal static class WebhookEvents
{
    public static JobWebhookEvent For(Uri url, JobStatus status = JobStatus.Completed, string? jobId = null)
    {
        var created = new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
        var progress = new JobProgress(
            jobId ?? Guid.NewGuid().ToString("N"), status, "leads.csv", TotalRows: 40, ProcessedRows: 40, SucceededRows: 37, FailedRows: 3,
            RowsPerSecond: 0, EstimatedTimeRemaining: null, CreatedAt: created, StartedAt: created.AddSeconds(1), FinishedAt: created.AddMinutes(2),
            Usage: new UsageTotals(0, 0, 0), Model: "llama-3.1-8b-instant", Error: status == JobStatus.Failed ? "the upload was interrupted" : null,
            RowsBySilo: new Dictionary<string, long>());
        return JobWebhookEvent.From(progress, url.AbsoluteUri);
    }
}
