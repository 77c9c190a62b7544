namespace PersonalizedLine.Silo.Auth;

/// <summary>
/// Per-tenant limits (the <c>Quotas</c> section): <c>Quotas__ConcurrentJobs</c>, <c>Quotas__RowsPerDay</c> and
/// <c>Quotas__SubmitsPerMinute</c> apply to every tenant; <c>Quotas__Tenants__{tenant}__…</c> overrides one of them
/// for one tenant. Unset means unlimited.
/// </summary>
public sealed class QuotaOptions
{
    public const string SectionName = "Quotas";

    public int? ConcurrentJobs { get; set; }

    public long? RowsPerDay { get; set; }

    public int? SubmitsPerMinute { get; set; }

    public Dictionary<string, QuotaLimits> Tenants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The limits that hold for <paramref name="tenant"/>: its own where set, the defaults otherwise.</summary>
    public QuotaLimits For(string tenant)
    {
        var own = Tenants.GetValueOrDefault(tenant);
        return new QuotaLimits
        {
            ConcurrentJobs = own?.ConcurrentJobs ?? ConcurrentJobs,
            RowsPerDay = own?.RowsPerDay ?? RowsPerDay,
            SubmitsPerMinute = own?.SubmitsPerMinute ?? SubmitsPerMinute,
        };
    }
}
