namespace PersonalizedLine.ProviderEmulator;

/// <summary>
/// One endpoint's quota bookkeeping: decides at arrival whether a request fits its credential's sliding windows
/// (a sliding-window log, exact rather than bucketed, so the test's measurement and the emulator agree), and keeps
/// the admitted log and counters. One lock for all of it: decisions are microseconds, far below request rates.
/// </summary>
internal sealed class QuotaLedger(int logLimit)
{
    /// <summary>
    /// Added to every wait the emulator reports. Timers on Linux run on a coarse clock and may fire a tick (4 to
    /// 10 ms) early, so a client that waits exactly the time until a slot frees could still arrive a hair too soon.
    /// </summary>
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(20);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, CredentialWindow> _credentials = new(StringComparer.Ordinal);
    private readonly AdmissionLog _log = new(logLimit);
    private long _lastTicks;
    private long _admittedRequests;
    private long _admittedTokens;
    private long _rateLimited;
    private long _tooLarge;

    public long AdmittedRequests => Read(ref _admittedRequests);

    public long AdmittedTokens => Read(ref _admittedTokens);

    public long RateLimited => Read(ref _rateLimited);

    public long TooLarge => Read(ref _tooLarge);

    public QuotaDecision Decide(QuotaPolicy? policy, QuotaCharge charge, TimeSpan sinceStart)
    {
        lock (_gate)
        {
            // Arrival times are read before the lock; keep the log in order even when two threads swap places.
            var now = Math.Max(sinceStart.Ticks, _lastTicks);
            _lastTicks = now;
            var entry = new AdmittedRequest(TimeSpan.FromTicks(now), charge.CountsTokens ? (int)Math.Clamp(charge.Tokens, 0, int.MaxValue) : 0);
            if (policy is null)
            {
                Admit(entry);
                return QuotaDecision.Unlimited;
            }

            if (!_credentials.TryGetValue(charge.Credential, out var credential))
            {
                credential = new CredentialWindow();
                _credentials.Add(charge.Credential, credential);
            }

            var window = policy.Window.Ticks;
            credential.Expire(now - window);
            credential.RefillDay(now, policy.RequestsPerDay);
            var tokenLimit = charge.CountsTokens ? policy.TokensPerWindow : null;
            var decision = new QuotaDecision
            {
                Policy = policy,
                RemainingRequestsToday = credential.RemainingToday(policy.RequestsPerDay),
                RemainingTokens = tokenLimit - credential.Tokens,
            };

            if (tokenLimit is { } limit && entry.Tokens > limit)
            {
                _tooLarge++;
                return decision with
                {
                    Outcome = QuotaOutcome.TooLarge, OnTokens = true, Limit = limit, Used = credential.Tokens, Requested = entry.Tokens,
                };
            }

            TimeSpan? requestWait = policy.RequestsPerWindow is { } requestLimit && credential.Count >= requestLimit
                ? credential.WaitForRequests(requestLimit, now, window) + TimerSlack
                : null;
            TimeSpan? tokenWait = tokenLimit is { } tokens && credential.Tokens + entry.Tokens > tokens
                ? credential.WaitForTokens(credential.Tokens + entry.Tokens - tokens, now, window) + TimerSlack
                : null;
            if (requestWait is not null || tokenWait is not null)
            {
                _rateLimited++;
                var onTokens = requestWait is null || tokenWait > requestWait;
                return decision with
                {
                    Outcome = QuotaOutcome.RateLimited,
                    OnTokens = onTokens,
                    Limit = onTokens ? tokenLimit!.Value : policy.RequestsPerWindow!.Value,
                    Used = onTokens ? credential.Tokens : credential.Count,
                    Requested = onTokens ? entry.Tokens : 1,
                    RetryAfter = onTokens ? tokenWait!.Value : requestWait!.Value,
                    TokenReset = tokenWait ?? TimeSpan.Zero,
                    RequestReset = requestWait ?? TimeSpan.Zero,
                };
            }

            credential.Add(entry);
            Admit(entry);
            return decision with
            {
                Outcome = QuotaOutcome.Admitted,
                RemainingRequestsToday = credential.RemainingToday(policy.RequestsPerDay),
                RemainingTokens = tokenLimit - credential.Tokens,
                TokenReset = tokenLimit is { } room && credential.Tokens + entry.Tokens > room
                    ? credential.WaitForTokens(credential.Tokens + entry.Tokens - room, now, window) + TimerSlack
                    : TimeSpan.Zero,
                RequestReset = credential.DaySlotReset(policy.RequestsPerDay),
            };
        }
    }

    public AdmittedRequest[] Snapshot()
    {
        lock (_gate)
        {
            return _log.ToArray();
        }
    }

    public AdmittedTotals MaxInAnyWindow(TimeSpan window)
    {
        lock (_gate)
        {
            return _log.MaxInAnyWindow(window);
        }
    }

    public AdmittedTotals Between(TimeSpan from, TimeSpan to)
    {
        lock (_gate)
        {
            return _log.Between(from, to);
        }
    }

    /// <summary>Zeroes the counters and forgets the log and every credential's windows.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _credentials.Clear();
            _log.Clear();
            _admittedRequests = 0;
            _admittedTokens = 0;
            _rateLimited = 0;
            _tooLarge = 0;
        }
    }

    private void Admit(AdmittedRequest entry)
    {
        _admittedRequests++;
        _admittedTokens += entry.Tokens;
        _log.Add(entry);
    }

    private long Read(ref long counter)
    {
        lock (_gate)
        {
            return counter;
        }
    }
}
