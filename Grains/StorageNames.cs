namespace PersonalizedLine.Grains;

/// <summary>Grain storage provider names; the silo registers a provider under each.</summary>
public static class StorageNames
{
    public const string Jobs = "jobs";
    public const string Chunks = "chunks";
}
