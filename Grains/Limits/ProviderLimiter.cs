using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PersonalizedLine.Grains.Interfaces.Limits;
using PersonalizedLine.Grains.Interfaces.Providers;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.Telemetry;

namespace PersonalizedLine.Grains.Limits;

/// <summary>
/// This silo's side of one cluster-wide provider limit. Calls wait here, in order, for a permit; one pump per limit
/// leases small grants from the <see cref="IProviderLimitGrain"/> for the calls waiting, so there is no grain call
/// per request. Unused permits lapse with their grant. With nothing configured or learned, calls pass at once and
/// the pump only checks in every few seconds (reporting this silo's send rate) to hear whether a 429 anywhere in the
/// cluster started pacing. A 429 seen here pauses this silo at once and is reported to the whole cluster.
/// </summary>
/// <remarks>
/// Not a <c>System.Threading.RateLimiting</c> token bucket: those refill on their own clock by a fixed amount, while
/// here permits arrive only in the coordinator's grants, in varying sizes, and a request's token cost is worked out
/// only when it reaches the head of the queue. The pacing itself (the buckets) lives in <see cref="ClusterRateBudget"/>.
/// </remarks>
public sealed partial class ProviderLimiter
{
    private const int MaxRequestsPerLease = 64;

    /// <summary>
    /// Slow start, while no limit is configured or learned: a silo first keeps at most this many requests in flight
    /// per key, and one more for every answer that was not a 429 (the window doubles every round trip), so that
    /// meeting an unknown limit costs a few 429s rather than one per row in flight. The silos report those answers
    /// with their leases, and the cluster's coordinator ends slow start for all of them once their sum is enough
    /// (<see cref="ClusterRateBudget.SlowStartOver"/>).
    /// </summary>
    public const int SlowStartWindow = 32;

    /// <summary>Past this many in flight, slow start is over: requests pass freely until a 429.</summary>
    public const int SlowStartEnd = 1024;
    private static readonly TimeSpan IdleStop = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ReportSpacing = TimeSpan.FromMilliseconds(500);

    private readonly object _gate = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private readonly ProviderLimitSettings _settings;
    private readonly TokenCostEstimator _tokens;
    private readonly CancellationToken _stopping;
    private readonly IProviderLimitGrain _coordinator;
    private readonly string _silo;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RecentRate _sent;
    private bool _unlimited;
    private int _inFlight;
    private int _window = SlowStartWindow;
    private bool _slowStartDone;
    private int _slowStartAnswersToReport;
    private int _grantRequests;
    private long _grantTokens;
    private DateTimeOffset _grantExpiresAt;
    private DateTimeOffset _pausedUntil;
    private DateTimeOffset _lastUsedAt;
    private DateTimeOffset _lastReportAt;
    private bool _pumping;
    private AccountProblem? _accountProblem;
    private DateTimeOffset _accountHeldUntil;
    private TaskCompletionSource _wake = NewSignal();

    public ProviderLimiter(
        ProviderLimitSettings settings,
        IProviderLimitGrain coordinator,
        TokenCostEstimator tokens,
        string silo,
        TimeProvider time,
        ILogger logger,
        CancellationToken stopping = default)
    {
        _stopping = stopping;
        _settings = settings;
        _tokens = tokens;
        _coordinator = coordinator;
        _silo = silo;
        _time = time;
        _logger = logger;
        _sent = new RecentRate(time);
        // A configured limit is paced from the first request; otherwise requests go freely until a 429.
        _unlimited = !settings.Configured;
    }

    public string Key => _settings.Key;

    /// <summary>Calls waiting for a permit in this silo.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiters.Count;
            }
        }
    }

    /// <summary>The account problem this silo holds the key for, while the hold lasts; else null.</summary>
    public AccountProblem? AccountHold
    {
        get
        {
            lock (_gate)
            {
                return _time.GetUtcNow() < _accountHeldUntil ? _accountProblem : null;
            }
        }
    }

    /// <summary>Waits for a permit for one request of <paramref name="size"/> (<see cref="PromptSize.None"/> when tokens are not counted).</summary>
    /// <exception cref="ProviderAccountException">The key is held for an account problem (<see cref="HoldForAccount"/>): nothing is sent.</exception>
    public async ValueTask AcquireAsync(PromptSize size, IPermitWaitListener? listener, CancellationToken cancellationToken)
    {
        Waiter waiter;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (_accountProblem is { } problem && now < _accountHeldUntil)
            {
                throw new ProviderAccountException(problem);
            }

            _lastUsedAt = now;
            if (_waiters.Count == 0 && now >= _pausedUntil && TryTake(_tokens.RequestCost(size), now))
            {
                _sent.Add();
                EnsurePumping();
                return;
            }

            waiter = new Waiter(size);
            waiter.Node = _waiters.AddLast(waiter);
            EnsurePumping();
            _wake.TrySetResult();
        }

        listener?.WaitStarted(_settings.Key);
        var waitStarted = Stopwatch.GetTimestamp();
        try
        {
            using (cancellationToken.Register(() => Abandon(waiter)))
            {
                await waiter.Granted.Task.ConfigureAwait(false);
            }
        }
        finally
        {
            listener?.WaitEnded(_settings.Key);
            ProviderMetrics.PermitWaitEnded(_settings.Key, waitStarted);
        }
    }

    /// <summary>The provider answered 429: pause this silo now and slow the cluster down.</summary>
    public void OnRateLimited(TimeSpan? hint)
    {
        bool report;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var until = now + (hint ?? _settings.FallbackPause);
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }

            // Whatever this silo still holds was granted before the provider said stop.
            _unlimited = false;
            _grantRequests = 0;
            _grantTokens = 0;
            report = now - _lastReportAt >= ReportSpacing;
            if (report)
            {
                _lastReportAt = now;
            }

            EnsurePumping();
            _wake.TrySetResult();
        }

        if (report)
        {
            _ = ReportAsync(new RateLimitSignal(_silo, hint ?? _settings.FallbackPause, _sent.PerSecond));
        }
    }

    /// <summary>
    /// The provider said how much is left (<c>x-ratelimit-remaining-*</c>): when nothing is, hold this silo until the
    /// matching reset rather than spend a request on a certain 429.
    /// </summary>
    public void OnExhausted(TimeSpan resetIn)
    {
        lock (_gate)
        {
            var until = _time.GetUtcNow() + resetIn;
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }
        }
    }

    /// <summary>
    /// The provider refused the account behind this key (<see cref="AccountProblem"/>): sending more would only collect
    /// the same answer. For <paramref name="holdFor"/>, calls waiting here and calls arriving fail at once with it,
    /// in this silo only (each silo learns it from its own first answer); nothing is reported to the cluster's
    /// coordinator, whose pauses make calls wait rather than stop.
    /// </summary>
    public void HoldForAccount(AccountProblem problem, TimeSpan holdFor)
    {
        ArgumentNullException.ThrowIfNull(problem);
        List<Waiter> halted;
        lock (_gate)
        {
            var until = _time.GetUtcNow() + holdFor;
            if (until > _accountHeldUntil)
            {
                _accountHeldUntil = until;
            }

            _accountProblem = problem;
            halted = [.. _waiters];
            _waiters.Clear();
            foreach (var waiter in halted)
            {
                waiter.Node = null;
            }
        }

        foreach (var waiter in halted)
        {
            waiter.Granted.TrySetException(new ProviderAccountException(problem));
        }
    }

    /// <summary>A request that took a permit got its answer (or gave up): its place in the slow-start window is free.</summary>
    public void Completed(bool rateLimited)
    {
        lock (_gate)
        {
            _inFlight = Math.Max(0, _inFlight - 1);
            if (!rateLimited && !_slowStartDone)
            {
                _slowStartAnswersToReport++;
                _slowStartDone = ++_window >= SlowStartEnd;
            }

            if (_unlimited)
            {
                ServeWaiters(_time.GetUtcNow());
            }
        }
    }

    private bool TryTake(long tokens, DateTimeOffset now)
    {
        if (_unlimited)
        {
            if (!_slowStartDone && _inFlight >= _window)
            {
                return false;
            }

            _inFlight++;
            return true;
        }

        if (now >= _grantExpiresAt || _grantRequests <= 0 || (_settings.TokensPerMinute > 0 && _grantTokens < tokens && tokens > 0))
        {
            return false;
        }

        _grantRequests--;
        _grantTokens -= tokens;
        _inFlight++;
        return true;
    }

    private void EnsurePumping()
    {
        if (!_pumping && !_stopping.IsCancellationRequested)
        {
            _pumping = true;
            // A silo service, not grain code: the pump touches only this object, so it may run on the thread pool.
            _ = Task.Run(PumpAsync);
        }
    }

    private async Task PumpAsync()
    {
        while (true)
        {
            PermitLeaseRequest request;
            Task wake;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                ServeWaiters(now);
                if ((_waiters.Count == 0 && now - _lastUsedAt > IdleStop) || _stopping.IsCancellationRequested)
                {
                    _pumping = false;
                    return;
                }

                request = BuildRequest(now);
                wake = (_wake = NewSignal()).Task;
            }

            var askAgainIn = await LeaseAsync(request).ConfigureAwait(false);
            TimeSpan delay;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                ServeWaiters(now);
                delay = _waiters.Count == 0
                    ? ClusterRateBudget.UnlimitedPollInterval
                    : Max(askAgainIn, _pausedUntil - now, TimeSpan.FromMilliseconds(20));
                if (_waiters.Count == 0 && !_unlimited)
                {
                    // Nothing to ask for: sleep until a call waits (or a while passes, to stop when idle).
                    delay = IdleStop;
                }
            }

            await Task.WhenAny(wake, Task.Delay(delay, _time, _stopping)).ConfigureAwait(false);
            if (wake.IsCompleted)
            {
                lock (_gate)
                {
                    // Woken by a new waiter while a pause or a refill is still due: honour the pause.
                    var pause = _pausedUntil - _time.GetUtcNow();
                    if (pause > TimeSpan.Zero && _waiters.Count > 0)
                    {
                        delay = pause;
                    }
                    else
                    {
                        delay = TimeSpan.Zero;
                    }
                }

                if (delay > TimeSpan.Zero)
                {
                    await Task.WhenAny(Task.Delay(delay, _time, _stopping)).ConfigureAwait(false);
                }
            }
        }
    }

    private PermitLeaseRequest BuildRequest(DateTimeOffset now)
    {
        var returnedRequests = 0;
        long returnedTokens = 0;
        if (now >= _grantExpiresAt && (_grantRequests > 0 || _grantTokens > 0))
        {
            returnedRequests = Math.Max(0, _grantRequests);
            returnedTokens = Math.Max(0, _grantTokens);
            _grantRequests = 0;
            _grantTokens = 0;
        }

        var wanted = 0;
        long tokens = 0;
        long largest = 0;
        if (now >= _pausedUntil)
        {
            foreach (var waiter in _waiters)
            {
                if (wanted == MaxRequestsPerLease)
                {
                    break;
                }

                wanted++;
                var cost = _tokens.RequestCost(waiter.Size);
                tokens += cost;
                largest = Math.Max(largest, cost);
            }

            // What this silo still holds covers part of the queue already.
            wanted = Math.Max(0, wanted - Math.Max(0, _grantRequests));
            tokens = _settings.TokensPerMinute > 0 ? Math.Max(0, tokens - Math.Max(0, _grantTokens)) : 0;
        }

        var slowStartAnswers = _slowStartAnswersToReport;
        _slowStartAnswersToReport = 0;
        return new PermitLeaseRequest(
            _silo, wanted, tokens, _waiters.Count, _settings.RequestsPerMinute, _settings.TokensPerMinute, _sent.PerSecond,
            returnedRequests, returnedTokens, largest, slowStartAnswers);
    }

    private async Task<TimeSpan> LeaseAsync(PermitLeaseRequest request)
    {
        PermitGrant grant;
        try
        {
            grant = await _coordinator.Lease(request).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The coordinator's silo may be gone; its grain comes back elsewhere on the next call. Calls keep waiting.
            LogLeaseFailed(_logger, ex, _settings.Key);
            lock (_gate)
            {
                // Reported again with the next lease: a coordinator that never heard them must not end slow start on less.
                _slowStartAnswersToReport += request.SlowStartAnswers;
            }

            return TimeSpan.FromSeconds(1);
        }

        lock (_gate)
        {
            _unlimited = grant.Unlimited && _time.GetUtcNow() >= _pausedUntil;
            _slowStartDone |= grant.SlowStartOver;
            if (!grant.Unlimited && (grant.Requests > 0 || grant.Tokens > 0))
            {
                _grantRequests = Math.Max(0, _grantRequests) + grant.Requests;
                _grantTokens = Math.Max(0, _grantTokens) + grant.Tokens;
                _grantExpiresAt = _time.GetUtcNow() + grant.ValidFor;
            }
        }

        return grant.AskAgainIn;
    }

    private void ServeWaiters(DateTimeOffset now)
    {
        while (_waiters.First is { } first && now >= _pausedUntil && TryTake(_tokens.RequestCost(first.Value.Size), now))
        {
            _waiters.RemoveFirst();
            first.Value.Node = null;
            _sent.Add();
            first.Value.Granted.TrySetResult();
        }
    }

    private void Abandon(Waiter waiter)
    {
        lock (_gate)
        {
            if (waiter.Node is { } node)
            {
                _waiters.Remove(node);
                waiter.Node = null;
            }
        }

        waiter.Granted.TrySetCanceled();
    }

    private async Task ReportAsync(RateLimitSignal signal)
    {
        try
        {
            await _coordinator.ReportRateLimited(signal).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogReportFailed(_logger, ex, _settings.Key);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b, TimeSpan c) => a > b ? (a > c ? a : c) : (b > c ? b : c);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not lease permits for {Limit}; calls keep waiting and the lease is retried")]
    private static partial void LogLeaseFailed(ILogger logger, Exception exception, string limit);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report a 429 for {Limit} to the cluster")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string limit);

    private sealed class Waiter(PromptSize size)
    {
        public PromptSize Size { get; } = size;

        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }
    }
}
