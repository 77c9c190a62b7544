namespace PersonalizedLine.Grains.Interfaces.JobIndex;

/// <summary>
/// Tenant names. Until API keys name tenants, every job belongs to <see cref="Default"/>; the job index and the API
/// already take the tenant as a parameter, so tenants only change who picks the name.
/// </summary>
public static class Tenants
{
    public const string Default = "default";
}
