using System.Globalization;

namespace PersonalizedLine.Grains.Interfaces.Quotas;

/// <summary>The key of a tenant's row counter for one UTC day: <c>{tenant}/{yyyy-MM-dd}</c>.</summary>
public static class TenantDailyRowsKeys
{
    public static string For(string tenant, DateTimeOffset now) =>
        string.Create(CultureInfo.InvariantCulture, $"{tenant}/{now.UtcDateTime:yyyy-MM-dd}");
}
