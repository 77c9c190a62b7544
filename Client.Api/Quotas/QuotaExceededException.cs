namespace PersonalizedLine.Client.Api.Quotas;

/// <summary>A tenant reached one of its limits; answered 429 with <c>Retry-After</c> (see <see cref="QuotaExceededResult"/>).</summary>
/// <param name="limit">The setting's name, e.g. <c>Quotas__RowsPerDay</c>.</param>
/// <param name="value">The limit's value.</param>
/// <param name="retryAfter">When trying again can succeed.</param>
/// <param name="message">What happened and what to do.</param>
public sealed class QuotaExceededException(string limit, long value, TimeSpan retryAfter, string message) : Exception(message)
{
    public string Limit { get; } = limit;

    public long Value { get; } = value;

    public TimeSpan RetryAfter { get; } = retryAfter;
}
