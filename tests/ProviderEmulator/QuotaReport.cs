namespace PersonalizedLine.ProviderEmulator;

/// <summary>
/// How a client treated an endpoint's quota, measured from the emulator's side: what was admitted over the busy period
/// (first to last admitted request), as a share of what the quota would have allowed in that time, and what share of
/// all answers were 429s. For tests and the benchmark alike.
/// </summary>
/// <param name="Admitted">Requests admitted.</param>
/// <param name="AdmittedTokens">Tokens admitted (chat: prompt + max_tokens).</param>
/// <param name="RateLimited">429 answers (quota and scripted).</param>
/// <param name="Requests">All requests received.</param>
/// <param name="BusyPeriod">From the first to the last admitted request.</param>
/// <param name="HeldRequestShare">Admitted requests ÷ what the request window allows over the busy period; null without a request limit.</param>
/// <param name="HeldTokenShare">The same for tokens; null without a token limit.</param>
public sealed record QuotaReport(
    long Admitted, long AdmittedTokens, long RateLimited, long Requests, TimeSpan BusyPeriod, double? HeldRequestShare, double? HeldTokenShare)
{
    /// <summary>Share of all requests answered 429.</summary>
    public double RateLimitedShare => Requests == 0 ? 0 : (double)RateLimited / Requests;

    public static QuotaReport Of(EndpointBehavior endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var log = endpoint.AdmittedLog;
        var quota = endpoint.Quota;
        var busy = log.Count < 2 ? TimeSpan.Zero : log[^1].SinceStart - log[0].SinceStart;
        var tokens = log.Sum(entry => (long)entry.Tokens);

        // The last request of the period opens no new time, so it is left out of the numerator.
        double? Share(double? perWindow, double used) =>
            perWindow is { } limit && busy > TimeSpan.Zero ? used / (limit * (busy / quota!.Window)) : null;

        return new QuotaReport(
            log.Count,
            tokens,
            endpoint.RateLimitedAnswers,
            endpoint.TotalRequests,
            busy,
            Share(quota?.RequestsPerWindow, Math.Max(0, log.Count - 1)),
            Share(quota?.TokensPerWindow, log.Count == 0 ? 0 : tokens - log[^1].Tokens));
    }

    public override string ToString() =>
        $"{Admitted} admitted of {Requests} requests in {BusyPeriod.TotalSeconds:0.0} s, {RateLimited} answered 429 ({RateLimitedShare:P1})" +
        (HeldRequestShare is { } r ? $", held {r:P1} of the request limit" : string.Empty) +
        (HeldTokenShare is { } t ? $", held {t:P1} of the token limit" : string.Empty);
}
