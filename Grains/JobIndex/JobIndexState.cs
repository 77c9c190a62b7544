using PersonalizedLine.Grains.Interfaces.JobIndex;

namespace PersonalizedLine.Grains.JobIndex;

/// <summary>
/// A tenant's jobs as stored, column by column (entry i is JobIds[i], CreatedAtTicks[i], FileNames[i]). Columns rather
/// than a list of entries because the grain storage serializer writes a type name with every object it stores, which
/// more than doubled each entry. Stored as JSON with its type name: keep the name and namespace stable.
/// </summary>
[GenerateSerializer, Alias("job-index-state")]
public sealed class JobIndexState
{
    [Id(0)]
    public List<string> JobIds { get; set; } = [];

    /// <summary>Creation times as UTC ticks.</summary>
    [Id(1)]
    public List<long> CreatedAtTicks { get; set; } = [];

    [Id(2)]
    public List<string> FileNames { get; set; } = [];

    public static JobIndexState From(IReadOnlyList<JobIndexEntry> entries) => new()
    {
        JobIds = entries.Select(entry => entry.JobId).ToList(),
        CreatedAtTicks = entries.Select(entry => entry.CreatedAt.UtcTicks).ToList(),
        FileNames = entries.Select(entry => entry.FileName).ToList(),
    };

    public List<JobIndexEntry> ToEntries()
    {
        var count = Math.Min(JobIds.Count, Math.Min(CreatedAtTicks.Count, FileNames.Count));
        var entries = new List<JobIndexEntry>(count);
        for (var i = 0; i < count; i++)
        {
            entries.Add(new JobIndexEntry(JobIds[i], new DateTimeOffset(CreatedAtTicks[i], TimeSpan.Zero), FileNames[i]));
        }

        return entries;
    }
}
