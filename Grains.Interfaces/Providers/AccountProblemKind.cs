namespace PersonalizedLine.Grains.Interfaces.Providers;

/// <summary>
/// Why a provider refuses a whole account rather than one request: nothing sent on that key can succeed until a
/// person acts (or, for a quota, until it resets), so rows halt instead of failing one by one.
/// </summary>
[GenerateSerializer, Alias("account-problem-kind")]
public enum AccountProblemKind
{
    /// <summary>HTTP 401 or 403: the key is wrong, revoked, or not allowed to use the endpoint.</summary>
    InvalidKey = 0,

    /// <summary>HTTP 402, or an OpenAI-style <c>insufficient_quota</c> error: the account has no credit left.</summary>
    OutOfCredit = 1,

    /// <summary>HTTP 429 whose reset is far away (a daily request quota): waiting inside one call is pointless.</summary>
    QuotaExhausted = 2,
}
