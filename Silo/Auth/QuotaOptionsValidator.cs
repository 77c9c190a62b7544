using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.JobIndex;

namespace PersonalizedLine.Silo.Auth;

/// <summary>Fails start-up on a limit below 1 or a tenant name no key could carry.</summary>
public sealed class QuotaOptionsValidator : IValidateOptions<QuotaOptions>
{
    public ValidateOptionsResult Validate(string? name, QuotaOptions options)
    {
        var failures = new List<string>();
        Check("Quotas", options.ConcurrentJobs, options.RowsPerDay, options.SubmitsPerMinute, failures);
        foreach (var (tenant, limits) in options.Tenants)
        {
            if (!Tenants.IsValidName(tenant))
            {
                failures.Add($"Quotas__Tenants__{tenant}: '{tenant}' is not a tenant name ({Tenants.NameRule}).");
            }

            Check($"Quotas__Tenants__{tenant}", limits.ConcurrentJobs, limits.RowsPerDay, limits.SubmitsPerMinute, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string prefix, int? concurrentJobs, long? rowsPerDay, int? submitsPerMinute, List<string> failures)
    {
        if (concurrentJobs is < 1)
        {
            failures.Add($"{prefix}__ConcurrentJobs must be 1 or more, or unset for no limit (it is {concurrentJobs}).");
        }

        if (rowsPerDay is < 1)
        {
            failures.Add($"{prefix}__RowsPerDay must be 1 or more, or unset for no limit (it is {rowsPerDay}).");
        }

        if (submitsPerMinute is < 1)
        {
            failures.Add($"{prefix}__SubmitsPerMinute must be 1 or more, or unset for no limit (it is {submitsPerMinute}).");
        }
    }
}
