namespace PersonalizedLine.Grains.Interfaces.Rows;

[GenerateSerializer, Alias("row-status")]
public enum RowStatus
{
    Ok = 0,
    Failed = 1,
}
