namespace PersonalizedLine.Grains.Interfaces.Research;

[GenerateSerializer, Alias("research-lookup-status")]
public enum ResearchLookupStatus
{
    Found = 0,
    Pending = 1,
    Failed = 2,
}
