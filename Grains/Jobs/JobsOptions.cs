namespace PersonalizedLine.Grains.Jobs;

/// <summary>A job's life outside its processing: how long an upload may stall, how long a finished job is kept. Section <c>Jobs</c>.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>
    /// An upload that receives no rows for this long is interrupted (the client or the API process died): the job
    /// becomes failed and its partial rows are deleted, by the job's own reminder.
    /// </summary>
    public TimeSpan UploadTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A finished (completed, failed or cancelled) job, its rows and its results are deleted this long after it
    /// finished: lead data is personal data and is not kept for ever.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
