using PersonalizedLine.Grains.Interfaces.Quotas;

namespace PersonalizedLine.Grains.Quotas;

/// <summary>
/// Counts a tenant's submitted rows for one UTC day. Calls are not interleaved, so check-and-add is atomic across
/// every API replica. A day's counter is a few bytes and is never read again once the day is over.
/// </summary>
public sealed class TenantDailyRowsGrain(
    [PersistentState("tenant-daily-rows", StorageNames.Jobs)] IPersistentState<TenantDailyRowsState> state) : Grain, ITenantDailyRowsGrain
{
    public Task<long> Used() => Task.FromResult(state.State.Rows);

    public async Task<bool> TryAdd(long rows, long limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (state.State.Rows + rows > limit)
        {
            return false;
        }

        state.State.Rows += rows;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Rows -= rows;
            throw;
        }

        return true;
    }
}
