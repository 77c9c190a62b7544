namespace PersonalizedLine.Grains.Quotas;

/// <summary>A tenant's rows admitted on one UTC day.</summary>
[GenerateSerializer, Alias("tenant-daily-rows-state")]
public sealed class TenantDailyRowsState
{
    [Id(0)]
    public long Rows { get; set; }
}
