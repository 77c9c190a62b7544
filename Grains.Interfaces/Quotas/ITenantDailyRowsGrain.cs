namespace PersonalizedLine.Grains.Interfaces.Quotas;

/// <summary>
/// The rows one tenant submitted on one UTC day, keyed by <see cref="TenantDailyRowsKeys.For"/>. One grain for the
/// whole cluster, so the daily quota holds however many API replicas take uploads.
/// </summary>
public interface ITenantDailyRowsGrain : IGrainWithStringKey
{
    /// <summary>Rows counted so far on this day.</summary>
    Task<long> Used();

    /// <summary>
    /// Counts <paramref name="rows"/> if the day's total stays within <paramref name="limit"/>; otherwise counts nothing
    /// and returns false. Written before it returns, so a restart does not forget admitted rows.
    /// </summary>
    Task<bool> TryAdd(long rows, long limit);
}
