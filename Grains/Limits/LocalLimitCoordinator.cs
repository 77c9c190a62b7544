using PersonalizedLine.Grains.Interfaces.Limits;

namespace PersonalizedLine.Grains.Limits;

/// <summary>
/// The coordinator of a limit in a process that hosts no silo (providers used on their own, e.g. in tests of the
/// clients): the same <see cref="ClusterRateBudget"/> as <see cref="ProviderLimitGrain"/>, behind a lock.
/// </summary>
public sealed class LocalLimitCoordinator(string key, TimeProvider time) : IProviderLimitGrain
{
    private readonly object _gate = new();
    private readonly ClusterRateBudget _budget = new(time);

    public Task<PermitGrant> Lease(PermitLeaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            return Task.FromResult(_budget.Lease(request, request.Silo));
        }
    }

    public Task ReportRateLimited(RateLimitSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        lock (_gate)
        {
            _budget.RateLimited(signal, signal.Silo);
        }

        return Task.CompletedTask;
    }

    public Task<ProviderLimitStatus> GetStatus()
    {
        lock (_gate)
        {
            return Task.FromResult(_budget.Status(key));
        }
    }
}
