namespace PersonalizedLine.Grains.Batches;

/// <summary>Where a job's provider batches are; each phase is persisted before the work it names starts.</summary>
[GenerateSerializer, Alias("batch-phase")]
public enum BatchPhase
{
    /// <summary>Rows are still being researched.</summary>
    NotStarted = 0,

    /// <summary>Writing, uploading and starting the round's batch files, one part at a time.</summary>
    Writing = 1,

    /// <summary>Every part of the round is at the provider; polled until each is delivered.</summary>
    Submitted = 2,

    Finished = 3,

    Cancelled = 4,

    /// <summary>The job was cancelled: its provider batches still running are being cancelled.</summary>
    Cancelling = 5,
}
