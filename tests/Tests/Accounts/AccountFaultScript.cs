using PersonalizedLine.Grains.Interfaces.Providers;
using PersonalizedLine.ProviderEmulator;

namespace PersonalizedLine.Tests.Accounts;

/// <summary>The emulator's account faults by name (theory data must be plain values), with what each must be read as.</summary>
internal static class AccountFaultScript
{
    public static readonly TimeSpan DailyReset = new(2, 3, 0);

    public static Fault For(string name) => name switch
    {
        "invalid-key-401" => Fault.InvalidApiKey(),
        "payment-required-402" => Fault.PaymentRequired(),
        "permission-denied-403" => Fault.PermissionDenied(),
        "serper-unauthorized-403" => Fault.SerperUnauthorized(),
        "insufficient-quota-429" => Fault.InsufficientQuota(),
        "daily-quota-429-retry-after" => Fault.DailyQuotaExhausted(DailyReset, sendRetryAfter: true),
        "daily-quota-429-groq-headers" => Fault.DailyQuotaExhausted(DailyReset, sendRetryAfter: false),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such account fault."),
    };

    public static AccountProblemKind KindOf(string name) => name switch
    {
        "invalid-key-401" or "permission-denied-403" or "serper-unauthorized-403" => AccountProblemKind.InvalidKey,
        "payment-required-402" or "insufficient-quota-429" => AccountProblemKind.OutOfCredit,
        _ => AccountProblemKind.QuotaExhausted,
    };

    public static int StatusOf(string name) => name switch
    {
        "invalid-key-401" => 401,
        "payment-required-402" => 402,
        "permission-denied-403" or "serper-unauthorized-403" => 403,
        _ => 429,
    };
}
