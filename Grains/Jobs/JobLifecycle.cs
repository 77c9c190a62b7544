using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Grains.Jobs;

/// <summary>
/// A job's states and the transitions between them, in one place. Every transition is written to storage before it
/// takes effect (before a chunk is started, paused, cancelled or deleted), so a silo that dies half-way leaves a state
/// the job's reminder can finish from.
/// <code>
///   (none)    ── Create ─────────────────────────────► Queued      reminder: upload watchdog
///   Queued    ── AppendRows (numbered, idempotent) ──► Queued      chunks written, then the counts
///   Queued    ── Seal (row count checked) ───────────► Running     (Completed when the file has no rows)
///   Queued    ── no rows for Jobs__UploadTimeout ────► Failed      partial chunks deleted
///   Queued    ── Abort (bad file) ───────────────────► (none)      everything deleted
///   Queued    ── Cancel ─────────────────────────────► Cancelled   partial chunks deleted
///   Running   ── Cancel ─────────────────────────────► Cancelled   unprocessed rows fail "cancelled"
///   Running   ── Pause (a person, or a refused key) ─► Paused      no new row starts
///   Paused    ── Resume ─────────────────────────────► Running
///   Paused    ── Cancel ─────────────────────────────► Cancelled
///   Running   ── every chunk complete ───────────────► Completed
///   Completed, Cancelled ── Retry ───────────────────► Running     only failed rows run again
///   any       ── Delete, or Jobs__Retention after it finished ──► (none)
/// </code>
/// While Queued, Running or Paused, the job's reminder ticks every <c>Processing__ResumeInterval</c>: it watches the
/// upload, or asks every unfinished chunk for its persisted counts (reconciliation). Once finished it ticks once a day
/// (sooner for a short retention) until the job is deleted.
/// </summary>
public static class JobLifecycle
{
    public static bool IsFinished(JobStatus status) => status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;

    /// <summary>Whether the job has work going on that its reminder must keep alive.</summary>
    public static bool IsLive(JobStatus status) => status is JobStatus.Queued or JobStatus.Running or JobStatus.Paused;

    public static bool Allows(JobStatus status, JobAction action) => action switch
    {
        JobAction.AppendRows or JobAction.Seal => status == JobStatus.Queued,
        JobAction.Cancel => IsLive(status),
        JobAction.Pause => status == JobStatus.Running,
        JobAction.Resume => status == JobStatus.Paused,
        JobAction.Retry => status is JobStatus.Completed or JobStatus.Cancelled,
        _ => false,
    };

    /// <summary>Throws a <see cref="JobConflictException"/> that says what the job is and what can be done instead.</summary>
    public static void Ensure(string jobId, JobStatus status, JobAction action)
    {
        if (Allows(status, action))
        {
            return;
        }

        var now = status.ToString().ToLowerInvariant();
        var message = action switch
        {
            JobAction.AppendRows or JobAction.Seal when status == JobStatus.Cancelled =>
                $"Job {jobId} was cancelled during its upload; nothing of it was kept or processed. Upload the file again to start a new job.",
            JobAction.AppendRows or JobAction.Seal when status == JobStatus.Failed =>
                $"Job {jobId} failed during its upload (it stalled); nothing of it was kept. Upload the file again to start a new job.",
            JobAction.AppendRows or JobAction.Seal => $"Job {jobId} is {now}: its upload is already over.",
            JobAction.Cancel => $"Job {jobId} is already {now}; there is nothing to cancel.",
            JobAction.Pause => $"Job {jobId} is {now}; only a running job can be paused.",
            JobAction.Resume => $"Job {jobId} is {now}; only a paused job can be resumed.",
            JobAction.Retry when IsLive(status) => $"Job {jobId} is {now}; wait until it is finished (or cancel it) to retry its failed rows.",
            JobAction.Retry => $"Job {jobId} is {now}: its upload never finished, so it has no rows to retry. Upload the file again.",
            _ => $"Job {jobId} is {now}.",
        };
        throw new JobConflictException(message, status);
    }
}
