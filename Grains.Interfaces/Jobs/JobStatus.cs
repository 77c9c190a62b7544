namespace PersonalizedLine.Grains.Interfaces.Jobs;

/// <summary>
/// Life cycle of a job. Serialized by name in the API, so the names are part of the contract. The transitions between
/// them are listed in one place, <c>JobLifecycle</c> in the grains.
/// </summary>
[GenerateSerializer, Alias("job-status")]
public enum JobStatus
{
    /// <summary>Created; its rows are still being uploaded.</summary>
    Queued = 0,
    Running = 1,
    Completed = 2,

    /// <summary>The job could not go on (its upload was interrupted); <c>error</c> says why.</summary>
    Failed = 3,
    Cancelled = 4,

    /// <summary>No new rows start until it is resumed: asked by a person, or by a provider refusing the key.</summary>
    Paused = 5,
}
