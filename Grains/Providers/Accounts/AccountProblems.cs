using System.Globalization;
using PersonalizedLine.Grains.Interfaces.Providers;

namespace PersonalizedLine.Grains.Providers;

/// <summary>Words an <see cref="AccountFault"/> for the person who has to fix it: what the provider said and what to do.</summary>
public static class AccountProblems
{
    public static AccountProblem Describe(
        AccountFault fault, ProviderIdentity provider, AccountProvider which, string limitKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentNullException.ThrowIfNull(provider);
        var said = fault.ProviderSaid is null ? string.Empty : $" Provider said: {fault.ProviderSaid}";
        var message = fault.Kind switch
        {
            AccountProblemKind.InvalidKey =>
                $"{provider.DisplayName} rejected the API key (HTTP {fault.HttpStatus} {StatusName(fault.HttpStatus)}). " +
                $"Check {provider.KeySettings}{(fault.HttpStatus == 403 ? " and that the key may use this endpoint" : string.Empty)}, then resume the job.{said}",
            AccountProblemKind.OutOfCredit =>
                $"{provider.DisplayName} account is out of credit (HTTP {fault.HttpStatus}{(fault.Evidence is null ? $" {StatusName(fault.HttpStatus)}" : $", {fault.Evidence}")}). " +
                $"Add credit or raise the spending limit of the account behind {provider.KeySettings}, then resume the job.{said}",
            _ =>
                $"{provider.DisplayName} quota is used up until it resets in {Long(fault.ResetIn ?? TimeSpan.Zero)} ({QuotaEvidence(fault)}). " +
                $"Resume the job after that, or use a key with a larger plan ({provider.KeySettings}).{said}",
        };
        return new AccountProblem(fault.Kind, which, limitKey, message, fault.HttpStatus, fault.ResetIn is { } reset ? now + reset : null);
    }

    /// <summary>Hours and minutes for a reset hours away (<c>2h3m</c>), seconds below a minute.</summary>
    public static string Long(TimeSpan value)
    {
        if (value < TimeSpan.FromMinutes(1))
        {
            return string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)Math.Ceiling(value.TotalSeconds))}s");
        }

        var minutes = (long)Math.Ceiling(value.TotalMinutes);
        return minutes < 60
            ? string.Create(CultureInfo.InvariantCulture, $"{minutes}m")
            : string.Create(CultureInfo.InvariantCulture, $"{minutes / 60}h{minutes % 60}m");
    }

    // A successful answer can say the quota is gone (no request left): then only its header is evidence.
    private static string QuotaEvidence(AccountFault fault) =>
        fault.HttpStatus < 400 ? fault.Evidence ?? "no request left"
        : fault.Evidence is null ? $"HTTP {fault.HttpStatus}" : $"HTTP {fault.HttpStatus}, {fault.Evidence}";

    private static string StatusName(int status) => status switch
    {
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        429 => "Too Many Requests",
        _ => string.Empty,
    };
}
