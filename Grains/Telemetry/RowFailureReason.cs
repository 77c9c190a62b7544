namespace PersonalizedLine.Grains.Telemetry;

/// <summary>Why a row failed, as a small fixed set for the <c>reason</c> tag of the failed-rows counter.</summary>
public static class RowFailureReason
{
    /// <summary>The row's budget (<c>Processing__RowTimeout</c>) or the provider's timeouts ran out.</summary>
    public const string Timeout = "timeout";

    /// <summary>The provider kept answering 429 until the call gave up.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The provider failed for good (5xx, unreachable, malformed answers, refused request).</summary>
    public const string ProviderError = "provider_error";

    /// <summary>The model's answer failed the guardrails.</summary>
    public const string InvalidLine = "invalid_line";

    /// <summary>The job was cancelled while the row ran or waited.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>The provider refused the account (bad key, no credit): the row halted, to run again on resume.</summary>
    public const string Halted = "halted";

    /// <summary>Anything else (a bug): the log has the exception.</summary>
    public const string Unexpected = "unexpected";
}
