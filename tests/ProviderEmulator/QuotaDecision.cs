namespace PersonalizedLine.ProviderEmulator;

/// <summary>The quota's verdict on one request, with what the answer's headers and error body report.</summary>
internal readonly record struct QuotaDecision
{
    public static QuotaDecision Unlimited { get; } = new() { Outcome = QuotaOutcome.Unlimited };

    public QuotaOutcome Outcome { get; init; }

    public QuotaPolicy? Policy { get; init; }

    /// <summary>On a 429 or 413: the limit hit was the token window (else the request window).</summary>
    public bool OnTokens { get; init; }

    /// <summary>On a 429 or 413: the limit hit, what the window already held, and what this request asked for.</summary>
    public long Limit { get; init; }

    public long Used { get; init; }

    public long Requested { get; init; }

    /// <summary>On a 429: time until enough of the window has expired for this request to be admitted (plus timer slack).</summary>
    public TimeSpan RetryAfter { get; init; }

    /// <summary>Tokens left in the window after this request; null when tokens are not limited.</summary>
    public long? RemainingTokens { get; init; }

    /// <summary>Time until the token window has this request's cost free again (zero when it has now).</summary>
    public TimeSpan TokenReset { get; init; }

    /// <summary>Requests left today for this credential.</summary>
    public long RemainingRequestsToday { get; init; }

    /// <summary>Admitted: time until one more daily request frees. 429: time until the request window has room.</summary>
    public TimeSpan RequestReset { get; init; }

    public bool Rejected => Outcome is QuotaOutcome.RateLimited or QuotaOutcome.TooLarge;
}
