using PersonalizedLine.Grains.Interfaces.JobIndex;

namespace PersonalizedLine.Grains.JobIndex;

/// <summary>
/// A tenant's jobs, oldest first (by creation time, then id), so a new job is usually appended and a page is read
/// from the end. Stored as JSON with its type name: keep the name and namespace stable.
/// </summary>
[GenerateSerializer, Alias("job-index-state")]
public sealed class JobIndexState
{
    [Id(0)]
    public List<JobIndexEntry> Entries { get; set; } = [];
}
