namespace PersonalizedLine.Grains.Interfaces.JobIndex;

/// <summary>A slice of a tenant's jobs, newest first, and how many jobs the tenant has in all.</summary>
[GenerateSerializer, Immutable, Alias("job-index-page")]
public sealed record class JobIndexPage(
    [property: Id(0)] IReadOnlyList<JobIndexEntry> Entries,
    [property: Id(1)] int Total);
