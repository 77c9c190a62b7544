namespace PersonalizedLine.Grains.Interfaces.Jobs;

/// <summary>Life cycle of a job. Serialized by name in the API, so the names are part of the contract.</summary>
[GenerateSerializer, Alias("job-status")]
public enum JobStatus
{
    /// <summary>Created; its rows are still being uploaded.</summary>
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
    Cancelled = 4,
}
