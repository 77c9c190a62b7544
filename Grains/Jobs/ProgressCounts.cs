using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Grains.Jobs;

/// <summary>
/// What a job shows, taken from its state as written: the status and the counters summed over completed and active
/// chunks. Status and counts come from the same write, so "completed" never shows with counts still catching up.
/// </summary>
public sealed record ProgressCounts(
    JobStatus Status,
    DateTimeOffset? FinishedAt,
    long Succeeded,
    long Failed,
    UsageTotals Usage,
    IReadOnlyDictionary<string, long> RowsBySilo,
    long AwaitingBatch = 0)
{
    public static ProgressCounts Empty { get; } = new(JobStatus.Queued, null, 0, 0, UsageTotals.None, new Dictionary<string, long>());

    public long Processed => Succeeded + Failed;

    public static ProgressCounts Of(JobState job)
    {
        var completed = job.CompletedTotals;
        var active = job.ActiveChunks.Values.Concat(job.AwaitingBatch.Values).ToList();
        var bySilo = new Dictionary<string, long>(completed.RowsBySilo);
        foreach (var report in active)
        {
            foreach (var (silo, rows) in report.RowsBySilo)
            {
                bySilo[silo] = bySilo.GetValueOrDefault(silo) + rows;
            }
        }

        return new ProgressCounts(
            job.Status,
            job.FinishedAt,
            completed.Succeeded + active.Sum(c => (long)c.Succeeded),
            completed.Failed + active.Sum(c => (long)c.Failed),
            active.Aggregate(completed.Usage, (sum, c) => sum.Add(c.Usage)),
            bySilo,
            active.Sum(c => (long)c.Researched));
    }
}
