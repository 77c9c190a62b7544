using System.Collections.Concurrent;

namespace PersonalizedLine.ProviderEmulator;

/// <summary>
/// How one emulated endpoint behaves and what it has seen. Every member is safe to read and change while
/// requests are running, from any thread.
/// </summary>
public sealed class EndpointBehavior
{
    private readonly ConcurrentQueue<Fault> _script = new();
    private readonly ConcurrentQueue<RecordedRequest> _recorded = new();
    private readonly int _recordLimit;
    private readonly QuotaLedger _ledger;
    private long _latencyTicks;
    private long _jitterTicks;
    private long _totalRequests;
    private long _batchedRequests;
    private long _batchedRows;
    private long _inFlight;
    private long _maxInFlight;
    private long _everyNth;
    private long _failureRateBits;
    private Fault _periodicFault = Fault.Status(500);
    private long _scriptedRateLimited;
    private Func<string, Fault?>? _rule;
    private QuotaPolicy? _quota;
    private Fault? _accountFault;

    internal EndpointBehavior(TimeSpan latency, int recordLimit, int admittedLogLimit)
    {
        Latency = latency;
        _recordLimit = Math.Max(0, recordLimit);
        _ledger = new QuotaLedger(admittedLogLimit);
    }

    /// <summary>Raised for every request as it arrives (on the request's thread; keep it quick).</summary>
    public event Action<RecordedRequest>? RequestReceived;

    /// <summary>Delay before every answer (also before scripted faults, except <see cref="FaultKind.Hang"/>).</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>Up to this much random extra delay per answer.</summary>
    public TimeSpan LatencyJitter
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _jitterTicks));
        set => Interlocked.Exchange(ref _jitterTicks, Math.Max(0, value.Ticks));
    }

    /// <summary>When positive, every Nth request (by arrival) gets <see cref="PeriodicFault"/>. 0 turns it off.</summary>
    public int FaultEveryNth
    {
        get => (int)Interlocked.Read(ref _everyNth);
        set => Interlocked.Exchange(ref _everyNth, Math.Max(0, value));
    }

    /// <summary>Share of requests (0 to 1) that get <see cref="PeriodicFault"/> at random.</summary>
    public double FailureRate
    {
        get => BitConverter.Int64BitsToDouble(Interlocked.Read(ref _failureRateBits));
        set => Interlocked.Exchange(ref _failureRateBits, BitConverter.DoubleToInt64Bits(Math.Clamp(value, 0, 1)));
    }

    /// <summary>The fault used by <see cref="FaultEveryNth"/> and <see cref="FailureRate"/> (default HTTP 500).</summary>
    public Fault PeriodicFault
    {
        get => Volatile.Read(ref _periodicFault);
        set => Volatile.Write(ref _periodicFault, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>
    /// The provider-like quota, per credential; null (the default) is unlimited. Checked at arrival, before the
    /// latency and before scripted faults: a request over it is answered 429 (or 413 when larger than the token
    /// window on its own) at once, draws no scripted fault and does not count against the window. Requests with a
    /// missing or wrong credential are not charged. Windows hold only requests admitted while a quota was set; a
    /// new policy keeps them.
    /// </summary>
    public QuotaPolicy? Quota
    {
        get => Volatile.Read(ref _quota);
        set => Volatile.Write(ref _quota, value);
    }

    /// <summary>
    /// An account-wide answer (<see cref="Fault.InvalidApiKey"/>, <see cref="Fault.InsufficientQuota"/>, …) every request
    /// gets while it is set, ahead of the quota, rules and scripted faults: a key revoked, out of credit or over its
    /// daily quota. Null (the default) restores the account.
    /// </summary>
    public Fault? AccountFault
    {
        get => Volatile.Read(ref _accountFault);
        set => Volatile.Write(ref _accountFault, value);
    }

    /// <summary>Requests admitted (every authorized request when no quota is set) since start or the last reset.</summary>
    public long AdmittedRequests => _ledger.AdmittedRequests;

    /// <summary>Tokens charged to admitted requests (chat: prompt tokens plus <c>max_tokens</c>; search: 0).</summary>
    public long AdmittedTokens => _ledger.AdmittedTokens;

    /// <summary>429s answered because of <see cref="Quota"/> (not scripted ones).</summary>
    public long QuotaRejections => _ledger.RateLimited;

    /// <summary>413s answered because a request alone was larger than <see cref="QuotaPolicy.TokensPerWindow"/>.</summary>
    public long TooLargeRejections => _ledger.TooLarge;

    /// <summary>All 429s decided: <see cref="QuotaRejections"/> plus scripted ones (<see cref="FaultKind.RateLimited"/> or status 429).</summary>
    public long RateLimitedAnswers => QuotaRejections + Interlocked.Read(ref _scriptedRateLimited);

    /// <summary>Admitted requests in arrival order (bounded by <see cref="EmulatorOptions.AdmittedLogLimit"/>).</summary>
    public IReadOnlyList<AdmittedRequest> AdmittedLog => _ledger.Snapshot();

    /// <summary>Requests received since start or the last <see cref="ResetCounters"/>, including rejected ones.</summary>
    public long TotalRequests => Interlocked.Read(ref _totalRequests);

    /// <summary>
    /// Chat: requests received with <c>response_format</c> <c>json_object</c> (several rows in one call), counted like
    /// <see cref="TotalRequests"/>, rejected ones too. Always 0 on search.
    /// </summary>
    public long BatchedRequests => Interlocked.Read(ref _batchedRequests);

    /// <summary>Rows carried by <see cref="BatchedRequests"/> (none for a request whose array could not be read).</summary>
    public long BatchedRows => Interlocked.Read(ref _batchedRows);

    /// <summary>Requests being answered right now.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <summary>Peak of <see cref="InFlight"/> since start or the last reset.</summary>
    public long MaxInFlight => Interlocked.Read(ref _maxInFlight);

    /// <summary>Scripted faults not yet used.</summary>
    public int PendingFaults => _script.Count;

    /// <summary>The most recent requests, oldest first (bounded by <see cref="EmulatorOptions.RecordedRequestLimit"/>).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _recorded.ToArray();

    /// <summary>The next requests get these faults, one each, in order; later requests are answered normally.</summary>
    public void EnqueueFaults(params Fault[] faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        foreach (var fault in faults)
        {
            _script.Enqueue(fault ?? throw new ArgumentException("A fault must not be null.", nameof(faults)));
        }
    }

    public void ClearFaults() => _script.Clear();

    /// <summary>
    /// Every request whose body makes <paramref name="rule"/> return a fault gets it (before scripted faults), e.g. to
    /// make the calls of one lead fail through all retries while its neighbours succeed. Null removes the rule.
    /// </summary>
    public void FaultWhen(Func<string, Fault?>? rule) => Volatile.Write(ref _rule, rule);

    /// <summary>
    /// The most requests, and separately the most tokens, admitted in any sliding span of <paramref name="window"/>
    /// (the two maxima may come from different spans). A product that holds a limit of N per window keeps
    /// <see cref="AdmittedTotals.Requests"/> at or below N.
    /// </summary>
    public AdmittedTotals MaxAdmittedInAnyWindow(TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        return _ledger.MaxInAnyWindow(window);
    }

    /// <summary>
    /// What was admitted from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), on the
    /// <see cref="ProviderEmulator.Elapsed"/> clock; divided by <c>limit × (to − from) / window</c> it is the share of
    /// the limit the product used over that period.
    /// </summary>
    public AdmittedTotals AdmittedBetween(TimeSpan from, TimeSpan to) => _ledger.Between(from, to);

    /// <summary>Back to a fresh endpoint: no latency, faults, rules or quota, zeroed counters.</summary>
    public void Reset()
    {
        Quota = null;
        AccountFault = null;
        ClearFaults();
        FaultWhen(null);
        FaultEveryNth = 0;
        FailureRate = 0;
        PeriodicFault = Fault.Status(500);
        Latency = TimeSpan.Zero;
        LatencyJitter = TimeSpan.Zero;
        ResetCounters();
    }

    /// <summary>
    /// Zeroes the request and quota counters, forgets recorded requests, the admitted log and every credential's
    /// windows; scripted faults and settings (the quota too) stay.
    /// </summary>
    public void ResetCounters()
    {
        Interlocked.Exchange(ref _totalRequests, 0);
        Interlocked.Exchange(ref _batchedRequests, 0);
        Interlocked.Exchange(ref _batchedRows, 0);
        Interlocked.Exchange(ref _maxInFlight, Interlocked.Read(ref _inFlight));
        Interlocked.Exchange(ref _scriptedRateLimited, 0);
        _recorded.Clear();
        _ledger.Clear();
    }

    /// <summary>
    /// Counts an arriving request, asks the quota about it (when <paramref name="charge"/> is given, i.e. the
    /// credential is valid) and, if admitted, chooses its scripted fault.
    /// </summary>
    internal Fault? Arrive(TimeSpan sinceStart, string text, string body, string? credential, QuotaCharge? charge,
        out RecordedRequest record, out QuotaDecision quota)
    {
        var sequence = Interlocked.Increment(ref _totalRequests);
        var inFlight = Interlocked.Increment(ref _inFlight);
        for (var peak = Interlocked.Read(ref _maxInFlight); inFlight > peak; peak = Interlocked.Read(ref _maxInFlight))
        {
            if (Interlocked.CompareExchange(ref _maxInFlight, inFlight, peak) == peak)
            {
                break;
            }
        }

        // A refused account is refused before any quota is counted, like a provider checking the key at the door.
        var accountFault = AccountFault;
        quota = accountFault is null && charge is { } c ? _ledger.Decide(Quota, c, sinceStart) : QuotaDecision.Unlimited;
        var fault = accountFault ?? (quota.Rejected ? null : Volatile.Read(ref _rule)?.Invoke(body) ?? ChooseFault(sequence));
        if (fault is { Kind: FaultKind.RateLimited } or { Kind: FaultKind.Status, StatusCode: 429 })
        {
            Interlocked.Increment(ref _scriptedRateLimited);
        }

        record = new RecordedRequest(sequence, DateTimeOffset.UtcNow, sinceStart, text, body, credential, fault)
        {
            QuotaStatus = quota.Outcome switch
            {
                QuotaOutcome.RateLimited => 429,
                QuotaOutcome.TooLarge => 413,
                _ => null,
            },
        };
        if (_recordLimit > 0)
        {
            _recorded.Enqueue(record);
            while (_recorded.Count > _recordLimit && _recorded.TryDequeue(out _))
            {
            }
        }

        RequestReceived?.Invoke(record);
        return fault;
    }

    internal void CountBatched(int rows)
    {
        Interlocked.Increment(ref _batchedRequests);
        Interlocked.Add(ref _batchedRows, rows);
    }

    internal void Leave() => Interlocked.Decrement(ref _inFlight);

    internal TimeSpan NextDelay()
    {
        var jitter = LatencyJitter;
        return Latency + (jitter > TimeSpan.Zero ? jitter * Random.Shared.NextDouble() : TimeSpan.Zero);
    }

    private Fault? ChooseFault(long sequence)
    {
        if (_script.TryDequeue(out var scripted))
        {
            return scripted;
        }

        var nth = FaultEveryNth;
        if (nth > 0 && sequence % nth == 0)
        {
            return PeriodicFault;
        }

        var rate = FailureRate;
        return rate > 0 && Random.Shared.NextDouble() < rate ? PeriodicFault : null;
    }
}
