using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Grains.Jobs;

/// <summary>How a chunk's absolute report changes its job's state; pure, so the job writes it before anything follows from it.</summary>
public static class JobReports
{
    public static ChunkReportOutcome Apply(JobState job, ChunkReport report)
    {
        // A chunk in neither set is either complete already (a repeated report) or unknown.
        var awaiting = job.AwaitingBatch.TryGetValue(report.ChunkIndex, out var previous);
        if (!awaiting && !job.ActiveChunks.TryGetValue(report.ChunkIndex, out previous))
        {
            return ChunkReportOutcome.Ignored;
        }

        if (report.Succeeded + report.Failed < previous!.Succeeded + previous.Failed)
        {
            return ChunkReportOutcome.Ignored; // Out of order: progress only moves forward.
        }

        if (!report.IsComplete)
        {
            if (!awaiting && report.IsResearched && job.Status == JobStatus.Running && job.Generation == 0)
            {
                job.ActiveChunks.Remove(report.ChunkIndex);
                job.AwaitingBatch[report.ChunkIndex] = report;
                return ChunkReportOutcome.AwaitsBatch;
            }

            (awaiting ? job.AwaitingBatch : job.ActiveChunks)[report.ChunkIndex] = report;
            return ChunkReportOutcome.Updated;
        }

        job.ActiveChunks.Remove(report.ChunkIndex);
        job.AwaitingBatch.Remove(report.ChunkIndex);
        var completed = job.CompletedTotals;
        completed.Chunks++;
        completed.Succeeded += report.Succeeded;
        completed.Failed += report.Failed;
        completed.Usage = completed.Usage.Add(report.Usage);
        foreach (var (silo, rows) in report.RowsBySilo)
        {
            completed.RowsBySilo[silo] = completed.RowsBySilo.GetValueOrDefault(silo) + rows;
        }

        return ChunkReportOutcome.Completed;
    }

    /// <summary>An empty report for a chunk just put in the window.</summary>
    public static ChunkReport Started(int chunkIndex) => new(chunkIndex, 0, 0, false, UsageTotals.None, new Dictionary<string, int>());
}
