using PersonalizedLine.Grains.Interfaces.Limits;

namespace PersonalizedLine.Grains.Limits;

/// <summary>
/// The arithmetic behind <see cref="ProviderLimitGrain"/>, apart from Orleans so it can be tested with a fake clock.
/// <para>
/// Pacing: request and token buckets refill at the configured limit less a margin, start empty, and hold at most one
/// burst. So in any 60 s window the cluster sends at most 98 % of the limit, even across a restart of the grain or a
/// silo dying with a grant, and a provider's sliding window never sees more than its limit. The refill is split among
/// the silos that have rows waiting, in proportion to those rows: each silo has its own share of the buckets, so the
/// silo that happens to ask first cannot starve the others.
/// </para>
/// <para>
/// Learning (AIMD): a 429 halves the pace at once — or cuts it further, to what the silos sent in their last seconds
/// spread over those seconds plus the wait the provider asked for, when that is lower — once per congestion event
/// (the 429s of requests already in flight do not cut it again), and pauses every grant until the provider's hint (<c>retry-after</c>, Groq's reset
/// headers) or <see cref="FallbackPause"/>. While rows keep waiting and no 429 comes, the pace climbs back by 5 % of
/// the pace after the cut every <see cref="IncreaseInterval"/>, up to the configured limit. With no limit configured
/// requests go out freely until the first 429, which starts pacing at half the rate the silos were sending.
/// </para>
/// </summary>
public sealed class ClusterRateBudget(TimeProvider time)
{
    public const double Margin = 0.98;
    public static readonly TimeSpan FallbackPause = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan IncreaseInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan GrantLifetime = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan UnlimitedPollInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ActiveSiloWindow = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(10);
    private const double MinRequestsPerSecond = 1.0 / 60;

    /// <summary>The span silos measure their recent sending rate over (<see cref="RecentRate"/>).</summary>
    private const double RecentRateSeconds = RecentRate.Seconds;

    private readonly Dictionary<string, SiloDemand> _silos = new(StringComparer.Ordinal);
    private int _requestsPerMinute;
    private long _tokensPerMinute;
    private double _largestRequestTokens;
    private DateTimeOffset _refilledAt = time.GetUtcNow();
    private double _scale = 1;
    private double? _learnedRequestsPerSecond;
    private double? _firstCutFrom;
    private double _increaseStep;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _decreaseBlockedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _nextIncreaseAt = DateTimeOffset.MinValue;
    private long _rateLimitedAnswers;
    private long _grantedRequests;
    private long _grantedTokens;
    private long _slowStartAnswers;

    /// <summary>True once any limit is configured or learned.</summary>
    public bool Limited => _requestsPerMinute > 0 || _tokensPerMinute > 0 || _learnedRequestsPerSecond is not null;

    /// <summary>The request pace now; +∞ when requests are not limited.</summary>
    public double RequestsPerSecond
    {
        get
        {
            var configured = _requestsPerMinute > 0 ? PacedRate(_requestsPerMinute, 1) * _scale : double.PositiveInfinity;
            return Math.Min(configured, _learnedRequestsPerSecond ?? double.PositiveInfinity);
        }
    }

    /// <summary>The token pace now; +∞ when tokens are not limited.</summary>
    public double TokensPerSecond =>
        _tokensPerMinute > 0 ? PacedRate(_tokensPerMinute, Math.Max(_largestRequestTokens, 1)) * _scale : double.PositiveInfinity;

    /// <summary>
    /// The key's slow start is over for every silo once the silos together got as many answers without a 429 as one
    /// silo needs on its own (<see cref="ProviderLimiter.SlowStartEnd"/>): the provider's limit is the key's, so a
    /// cluster of three silos probes it once, not three times, and a silo that joins later sends freely at once.
    /// </summary>
    public bool SlowStartOver => _slowStartAnswers + ProviderLimiter.SlowStartWindow >= ProviderLimiter.SlowStartEnd;

    public PermitGrant Lease(PermitLeaseRequest request, string silo)
    {
        var now = time.GetUtcNow();
        _requestsPerMinute = Math.Max(0, request.RequestsPerMinute);
        _tokensPerMinute = Math.Max(0, request.TokensPerMinute);
        Refill(now);
        var demand = Demand(silo);
        demand.SeenAt = now;
        demand.Waiting = Math.Max(0, request.Waiting);
        demand.RecentRequestsPerSecond = request.RecentRequestsPerSecond;
        _largestRequestTokens = Math.Max(_largestRequestTokens, request.LargestRequestTokens);

        demand.RequestLevel = Math.Min(RequestBurst, demand.RequestLevel + Math.Max(0, request.ReturnedRequests));
        demand.TokenLevel = Math.Min(TokenBurst, demand.TokenLevel + Math.Max(0, request.ReturnedTokens));
        ClimbBack(now);
        _slowStartAnswers += Math.Max(0, request.SlowStartAnswers);

        if (!Limited)
        {
            return new PermitGrant(true, request.Requests, request.Tokens, GrantLifetime, UnlimitedPollInterval, SlowStartOver);
        }

        if (now < _pausedUntil)
        {
            return new PermitGrant(false, 0, 0, GrantLifetime, _pausedUntil - now);
        }

        if (request.Requests <= 0 && request.Tokens <= 0)
        {
            return new PermitGrant(false, 0, 0, GrantLifetime, UnlimitedPollInterval);
        }

        // Requests are granted whole; tokens may be granted in part: the silo keeps them and tops them up until the
        // next request's cost is covered, so nothing is lost to rounding.
        var requests = Math.Max(0, request.Requests);
        if (!double.IsPositiveInfinity(RequestsPerSecond))
        {
            requests = Math.Min(requests, Math.Max(0, (int)Math.Floor(demand.RequestLevel)));
            demand.RequestLevel -= requests;
        }

        var tokens = Math.Max(0, request.Tokens);
        if (!double.IsPositiveInfinity(TokensPerSecond))
        {
            // Tokens without a request to spend them on would only sit in the silo: none while requests are short.
            tokens = requests == 0 && request.Requests > 0 ? 0 : Math.Min(tokens, Math.Max(0, (long)Math.Floor(demand.TokenLevel)));
            demand.TokenLevel -= tokens;
        }

        _grantedRequests += requests;
        _grantedTokens += tokens;
        var shortOfWanted = requests < request.Requests || tokens < request.Tokens;
        return new PermitGrant(false, requests, tokens, GrantLifetime, shortOfWanted ? AskAgainIn(demand, request, now) : TimeSpan.Zero);
    }

    public void RateLimited(RateLimitSignal signal, string silo)
    {
        var now = time.GetUtcNow();
        _rateLimitedAnswers++;
        Refill(now);
        var demand = Demand(silo);
        demand.SeenAt = now;
        demand.RecentRequestsPerSecond = signal.RecentRequestsPerSecond;

        var pause = signal.RetryAfter is { } hint && hint > TimeSpan.Zero ? (hint < MaxPause ? hint : MaxPause) : FallbackPause;
        if (now + pause > _pausedUntil)
        {
            _pausedUntil = now + pause;
        }

        if (now < _decreaseBlockedUntil)
        {
            // The same congestion event. The first pace learned without a configured limit came from the silos that
            // had reported their rate by then; as the others report theirs, the estimate of what was sent grows.
            if (_firstCutFrom is { } sentAtCut && SentRecently(now) > sentAtCut)
            {
                _firstCutFrom = SentRecently(now);
                CutFrom(_firstCutFrom.Value, now, _pausedUntil - now);
            }

            return;
        }

        // One cut per congestion event: answers to requests sent before the pause ends are the same event.
        _decreaseBlockedUntil = _pausedUntil + TimeSpan.FromSeconds(1);
        _nextIncreaseAt = _pausedUntil + IncreaseInterval;
        if (_requestsPerMinute > 0 || _tokensPerMinute > 0)
        {
            _scale = Math.Max(0.05, _scale * 0.5);
        }

        _firstCutFrom = null;
        if (_requestsPerMinute == 0)
        {
            if (_learnedRequestsPerSecond is null)
            {
                _firstCutFrom = Math.Max(MinRequestsPerSecond, SentRecently(now));
            }

            CutFrom(_learnedRequestsPerSecond ?? _firstCutFrom!.Value, now, pause);
        }

        // Nothing banked before the 429 may be spent after it.
        foreach (var each in _silos.Values)
        {
            each.RequestLevel = Math.Min(each.RequestLevel, 0);
            each.TokenLevel = Math.Min(each.TokenLevel, 0);
        }
    }

    public ProviderLimitStatus Status(string key)
    {
        var now = time.GetUtcNow();
        return new ProviderLimitStatus(
            key,
            Limited,
            Finite(RequestsPerSecond),
            Finite(TokensPerSecond),
            ActiveSilos(now).Sum(s => s.Waiting),
            now < _pausedUntil ? _pausedUntil : null,
            _rateLimitedAnswers,
            _grantedRequests,
            _grantedTokens);
    }

    private double RequestBurst => double.IsPositiveInfinity(RequestsPerSecond) ? 0 : Math.Max(1, RequestsPerSecond);

    private double TokenBurst => double.IsPositiveInfinity(TokensPerSecond) ? 0 : Math.Max(_largestRequestTokens, TokensPerSecond);

    /// <summary>
    /// The pace for a per-minute limit: what may be sent in a minute, less the burst a full bucket allows on top, so
    /// that any 60 s window stays under the limit.
    /// </summary>
    private static double PacedRate(double perMinute, double largestUnit)
    {
        var burst = Math.Max(perMinute / 60, largestUnit);
        return Math.Max(perMinute * 0.5, (perMinute * Margin) - burst) / 60;
    }

    private void Refill(DateTimeOffset now)
    {
        var elapsed = Math.Max(0, (now - _refilledAt).TotalSeconds);
        _refilledAt = now;
        if (now < _pausedUntil)
        {
            return;
        }

        var waiting = ActiveSilos(now).Where(s => s.Waiting > 0).ToList();
        var total = waiting.Sum(s => (double)s.Waiting);
        foreach (var demand in waiting)
        {
            var share = demand.Waiting / total;
            if (!double.IsPositiveInfinity(RequestsPerSecond))
            {
                demand.RequestLevel = Math.Min(Math.Max(1, RequestBurst * share), demand.RequestLevel + (elapsed * RequestsPerSecond * share));
            }

            if (!double.IsPositiveInfinity(TokensPerSecond))
            {
                var cap = Math.Max(_largestRequestTokens, TokenBurst * share);
                demand.TokenLevel = Math.Min(cap, demand.TokenLevel + (elapsed * TokensPerSecond * share));
            }
        }
    }

    /// <summary>Additive increase while rows wait and no 429 came for a whole interval.</summary>
    private void ClimbBack(DateTimeOffset now)
    {
        if (now < _nextIncreaseAt || _nextIncreaseAt == DateTimeOffset.MinValue || ActiveSilos(now).All(s => s.Waiting == 0))
        {
            return;
        }

        _nextIncreaseAt = now + IncreaseInterval;
        _scale = Math.Min(1, _scale + 0.05);
        if (_learnedRequestsPerSecond is { } learned)
        {
            _learnedRequestsPerSecond = learned + _increaseStep;
        }
    }

    /// <summary>When this silo's share will hold the next request (its cost in tokens too): no point in asking before.</summary>
    private TimeSpan AskAgainIn(SiloDemand demand, PermitLeaseRequest request, DateTimeOffset now)
    {
        var waiting = ActiveSilos(now).Where(s => s.Waiting > 0).Sum(s => (double)s.Waiting);
        var share = waiting <= 0 || demand.Waiting <= 0 ? 1 : demand.Waiting / waiting;
        var seconds = 0.0;
        if (!double.IsPositiveInfinity(RequestsPerSecond) && request.Requests > 0)
        {
            seconds = Math.Max(seconds, (1 - demand.RequestLevel) / (RequestsPerSecond * share));
        }

        if (!double.IsPositiveInfinity(TokensPerSecond) && request.Tokens > 0)
        {
            var next = Math.Min(request.Tokens, Math.Max(1, request.LargestRequestTokens));
            seconds = Math.Max(seconds, (next - demand.TokenLevel) / (TokensPerSecond * share));
        }

        return TimeSpan.FromSeconds(Math.Clamp(seconds, 0.05, 5));
    }

    private SiloDemand Demand(string silo)
    {
        if (!_silos.TryGetValue(silo, out var demand))
        {
            demand = new SiloDemand();
            _silos[silo] = demand;
        }

        return demand;
    }

    /// <summary>The learned pace after a 429: half of <paramref name="pace"/>, or what the provider's hint says it can sustain if lower.</summary>
    private void CutFrom(double pace, DateTimeOffset now, TimeSpan pause)
    {
        _learnedRequestsPerSecond = Math.Max(MinRequestsPerSecond, Math.Min(pace * 0.5, Sustainable(now, pause)));

        // The climb: 5 % of the pace just learned every interval, so it probes above it gently and again after each cut.
        _increaseStep = Math.Max(MinRequestsPerSecond, _learnedRequestsPerSecond.Value * 0.05);
    }

    /// <summary>
    /// What the provider's hint says it can sustain: the requests the silos sent in their last few seconds, spread over
    /// those seconds plus the wait it asked for. A sliding-window provider that took a minute's requests in one burst
    /// asks for most of a minute, which makes this close to its real limit at the first cut.
    /// </summary>
    private double Sustainable(DateTimeOffset now, TimeSpan pause)
    {
        var sent = SentRecently(now) * RecentRateSeconds;
        return sent <= 0 ? double.PositiveInfinity : sent / (RecentRateSeconds + Math.Max(0, pause.TotalSeconds));
    }

    private double SentRecently(DateTimeOffset now) => ActiveSilos(now).Sum(s => s.RecentRequestsPerSecond);

    private IEnumerable<SiloDemand> ActiveSilos(DateTimeOffset now) => _silos.Values.Where(s => now - s.SeenAt <= ActiveSiloWindow);

    private static double Finite(double value) => double.IsPositiveInfinity(value) ? 0 : Math.Round(value, 3);

    /// <summary>What one silo asked for lately, and its share of the buckets.</summary>
    private sealed class SiloDemand
    {
        public DateTimeOffset SeenAt { get; set; }

        public int Waiting { get; set; }

        public double RecentRequestsPerSecond { get; set; }

        public double RequestLevel { get; set; }

        public double TokenLevel { get; set; }
    }
}
