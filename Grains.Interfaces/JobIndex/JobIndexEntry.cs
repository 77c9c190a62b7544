namespace PersonalizedLine.Grains.Interfaces.JobIndex;

/// <summary>One job in a tenant's list: just enough to order the list and find the job; status and counts come from the job.</summary>
/// <param name="JobId">The job grain's key.</param>
/// <param name="CreatedAt">When the job was created; the list is ordered by it, newest first.</param>
/// <param name="FileName">The uploaded file's name, for display.</param>
[GenerateSerializer, Immutable, Alias("job-index-entry")]
public sealed record class JobIndexEntry(
    [property: Id(0)] string JobId,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(2)] string FileName);
