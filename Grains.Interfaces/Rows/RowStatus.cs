namespace PersonalizedLine.Grains.Interfaces.Rows;

[GenerateSerializer, Alias("row-status")]
public enum RowStatus
{
    Ok = 0,
    Failed = 1,

    /// <summary>Research done; the line is still to come from the provider's Batch API. Not a final outcome.</summary>
    Researched = 2,
}
