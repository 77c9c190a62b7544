namespace PersonalizedLine.Grains;

/// <summary>Grain storage provider names; the silo registers a provider under each.</summary>
public static class StorageNames
{
    public const string Jobs = "jobs";
    public const string Chunks = "chunks";

    /// <summary>Research results, one entry per normalized query, shared by every job (the research cache).</summary>
    public const string Research = "research";

    /// <summary>Job webhook deliveries and their attempts, one entry per job with a webhook.</summary>
    public const string Webhooks = "webhooks";

    /// <summary>Every name above: a silo registers a provider under each.</summary>
    public static IReadOnlyList<string> All { get; } = [Jobs, Chunks, Research, Webhooks];
}
