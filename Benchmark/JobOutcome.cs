using PersonalizedLine.Client.Api.Jobs;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Pricing;

namespace PersonalizedLine.Benchmark;

/// <summary>
/// How a job ended, in the API's terms: the fields of its <c>GET /jobs/{id}</c> answer the benchmark prints. The
/// API-process host reads them from that answer; the in-process host builds them from the job grain's progress.
/// </summary>
public sealed record JobOutcome(
    JobStatus Status,
    long SucceededRows,
    long FailedRows,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    UsageResponse Usage,
    JobCost? Cost,
    IReadOnlyDictionary<string, long> RowsBySilo,
    string? Error)
{
    /// <summary>How many rows each silo ran, by silo name: <c>silo-1 5,000, silo-2 5,000</c>.</summary>
    public string RowsBySiloText => string.Join(", ", RowsBySilo.OrderBy(silo => silo.Key, StringComparer.Ordinal).Select(silo => $"{silo.Key} {silo.Value:N0}"));


    public static JobOutcome From(JobProgress progress, CostCalculator costs) => new(
        progress.Status,
        progress.SucceededRows,
        progress.FailedRows,
        progress.StartedAt,
        progress.FinishedAt,
        UsageResponse.From(progress.Usage),
        costs.ForUsage(progress.Model, progress.Usage).Cost,
        progress.RowsBySilo,
        progress.Error);
}
