using PersonalizedLine.Grains.Interfaces.Limits;

namespace PersonalizedLine.Grains.Limits;

/// <summary>
/// One per provider limit key; owns the cluster's <see cref="ClusterRateBudget"/>. Every call answers at once from
/// memory: silos never wait inside a call here, they wait in their own <see cref="ProviderLimiter"/>.
/// </summary>
public sealed class ProviderLimitGrain(TimeProvider time) : Grain, IProviderLimitGrain
{
    private readonly ClusterRateBudget _budget = new(time);

    public Task<PermitGrant> Lease(PermitLeaseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Task.FromResult(_budget.Lease(request, request.Silo));
    }

    public Task ReportRateLimited(RateLimitSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        _budget.RateLimited(signal, signal.Silo);
        return Task.CompletedTask;
    }

    public Task<ProviderLimitStatus> GetStatus() => Task.FromResult(_budget.Status(this.GetPrimaryKeyString()));
}
