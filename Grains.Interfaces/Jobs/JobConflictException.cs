namespace PersonalizedLine.Grains.Interfaces.Jobs;

/// <summary>
/// The job cannot do what was asked in its current status (e.g. rows sent to a job that was cancelled during its
/// upload, resuming a job that is not paused). The message names the job, its status and what to do; the API answers
/// it with 409 Conflict.
/// </summary>
[GenerateSerializer, Alias("job-conflict")]
public sealed class JobConflictException : Exception
{
    public JobConflictException()
    {
    }

    public JobConflictException(string message)
        : base(message)
    {
    }

    public JobConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public JobConflictException(string message, JobStatus status)
        : base(message)
    {
        Status = status;
    }

    /// <summary>The job's status when the request was refused.</summary>
    [Id(0)]
    public JobStatus Status { get; private set; }
}
