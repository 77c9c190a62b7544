using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Grains.Jobs;

/// <summary>
/// A job's persisted state. Its size does not grow with the file: chunks start in order, so a chunk below
/// <see cref="NextChunkToStart"/> that is not in <see cref="ActiveChunks"/> is complete and only counted in
/// <see cref="CompletedTotals"/>.
/// </summary>
[GenerateSerializer, Alias("job-state")]
public sealed class JobState
{
    [Id(0)]
    public JobSpec? Spec { get; set; }

    [Id(1)]
    public JobStatus Status { get; set; }

    [Id(2)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(3)]
    public DateTimeOffset? StartedAt { get; set; }

    [Id(4)]
    public DateTimeOffset? FinishedAt { get; set; }

    [Id(5)]
    public long TotalRows { get; set; }

    [Id(6)]
    public int ChunkCount { get; set; }

    [Id(7)]
    public int NextChunkToStart { get; set; }

    /// <summary>Latest report of each started chunk that is not complete yet.</summary>
    [Id(8)]
    public Dictionary<int, ChunkReport> ActiveChunks { get; set; } = [];

    [Id(9)]
    public CompletedTotals CompletedTotals { get; set; } = new();

    [Id(10)]
    public string? Error { get; set; }

    /// <summary>
    /// Batch mode: chunks whose rows are all researched (or done) and wait for the provider batch, by index, with their
    /// latest report. Out of the window of <see cref="ActiveChunks"/>, so the next chunks can start researching.
    /// </summary>
    [Id(11)]
    public Dictionary<int, ChunkReport> AwaitingBatch { get; set; } = [];

    /// <summary>Batch mode: the provider batch was started (set before it is asked, so it is asked again until it answers).</summary>
    [Id(12)]
    public bool BatchStarted { get; set; }

    /// <summary>Batch mode: every provider batch has been delivered; what is left runs online.</summary>
    [Id(13)]
    public bool BatchesDelivered { get; set; }

    /// <summary>Row batches of the upload stored so far: a batch sent again (its answer was lost) is recognised and skipped.</summary>
    [Id(14)]
    public int UploadedBatches { get; set; }

    /// <summary>When the upload last received rows; the upload watchdog fails the job after <c>Jobs__UploadTimeout</c> without any.</summary>
    [Id(15)]
    public DateTimeOffset? LastUploadAt { get; set; }

    /// <summary>Why the job is paused: asked by a person, or a provider refusing the key.</summary>
    [Id(16)]
    public string? PauseReason { get; set; }

    /// <summary>How many times failed rows were retried; chunks and rows of a retry are told this generation.</summary>
    [Id(17)]
    public int Generation { get; set; }

    /// <summary>Which failed rows the current retry runs again.</summary>
    [Id(18)]
    public RetryScope RetryScope { get; set; }

    /// <summary>Set (and written) first when the job is deleted, so the job is gone at once and its reminder finishes an interrupted delete.</summary>
    [Id(19)]
    public bool Deleting { get; set; }

    /// <summary>The outcome whose webhook was handed to the job's webhook grain; the reminder hands it again until it is.</summary>
    [Id(20)]
    public JobStatus? WebhookNotified { get; set; }

    /// <summary>How the file was read where it was not strict UTF-8 CSV (encoding, bare quotes, unnamed columns, the sheet); null when it was.</summary>
    [Id(21)]
    public List<string>? Warnings { get; set; }
}
