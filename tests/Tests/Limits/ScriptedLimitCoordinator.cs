using PersonalizedLine.Grains.Interfaces.Limits;

namespace PersonalizedLine.Tests.Limits;

/// <summary>
/// A coordinator under the test's control, for <see cref="Grains.Limits.ProviderLimiter"/> tests: it grants only the
/// request permits the test allows (or everything, or reports no limit), can fail like a coordinator whose silo died,
/// and records every call it gets.
/// </summary>
internal sealed class ScriptedLimitCoordinator : IProviderLimitGrain
{
    private static readonly TimeSpan AskAgainIn = TimeSpan.FromMilliseconds(50);
    private readonly object _gate = new();
    private readonly List<PermitLeaseRequest> _leases = [];
    private readonly List<RateLimitSignal> _reports = [];
    private int _allowed;

    /// <summary>Answers every lease with "no limit".</summary>
    public bool Unlimited { get; init; }

    /// <summary>Grants whatever is asked for.</summary>
    public bool GrantAll { get; set; }

    /// <summary>Says, with every "no limit" answer, that the cluster's slow start for the key is over.</summary>
    public bool SlowStartOver { get; set; }

    /// <summary>Answers without a 429 the silo reported as got during slow start, over every lease.</summary>
    public int SlowStartAnswersReported
    {
        get
        {
            lock (_gate)
            {
                return _leases.Sum(lease => lease.SlowStartAnswers);
            }
        }
    }

    /// <summary>Throws from every call, like a coordinator on a silo that just died.</summary>
    public bool Failing { get; set; }

    public int LeaseCalls
    {
        get
        {
            lock (_gate)
            {
                return _leases.Count;
            }
        }
    }

    public IReadOnlyList<RateLimitSignal> Reports
    {
        get
        {
            lock (_gate)
            {
                return [.. _reports];
            }
        }
    }

    /// <summary>Lets <paramref name="requests"/> more request permits out, to whoever asks next.</summary>
    public void Allow(int requests)
    {
        lock (_gate)
        {
            _allowed += requests;
        }
    }

    public Task<PermitGrant> Lease(PermitLeaseRequest request)
    {
        lock (_gate)
        {
            _leases.Add(request);
            if (Failing)
            {
                throw new InvalidOperationException("The coordinator's silo is gone.");
            }

            if (Unlimited)
            {
                return Task.FromResult(new PermitGrant(true, request.Requests, request.Tokens, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), SlowStartOver));
            }

            var granted = GrantAll ? request.Requests : Math.Min(_allowed, request.Requests);
            _allowed -= GrantAll ? 0 : granted;
            return Task.FromResult(new PermitGrant(false, granted, request.Tokens, TimeSpan.FromMinutes(10), AskAgainIn));
        }
    }

    public Task ReportRateLimited(RateLimitSignal signal)
    {
        lock (_gate)
        {
            _reports.Add(signal);
            if (Failing)
            {
                throw new InvalidOperationException("The coordinator's silo is gone.");
            }
        }

        return Task.CompletedTask;
    }

    public Task<ProviderLimitStatus> GetStatus() => throw new NotSupportedException();
}
