using Microsoft.Extensions.Logging;
using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Grains.Jobs;

/// <summary>The job's log messages.</summary>
public sealed partial class JobGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} started: {TotalRows} rows in {ChunkCount} chunks")]
    private static partial void LogJobStarted(ILogger logger, string jobId, long totalRows, int chunkCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} input: {Warning}")]
    private static partial void LogInputWarning(ILogger logger, string jobId, string warning);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} completed: {Succeeded} ok, {Failed} failed")]
    private static partial void LogJobCompleted(ILogger logger, string jobId, long succeeded, long failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} cancelled after {Processed} rows")]
    private static partial void LogJobCancelled(ILogger logger, string jobId, long processed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} paused: {Reason}")]
    private static partial void LogJobPaused(ILogger logger, string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} retries its failed rows (generation {Generation}, {Scope})")]
    private static partial void LogJobRetried(ILogger logger, string jobId, int generation, RetryScope scope);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} failed: its upload stalled after {Rows} rows")]
    private static partial void LogUploadInterrupted(ILogger logger, string jobId, long rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} deleted")]
    private static partial void LogJobDeleted(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} could not reconcile its chunks; it tries again on its next tick")]
    private static partial void LogReconcileFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: chunk {Chunk} did not answer; it is asked again on the next tick")]
    private static partial void LogChunkUnreachable(ILogger logger, Exception exception, string jobId, int chunk);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} could not hand its outcome to its webhook; its reminder tries again")]
    private static partial void LogWebhookNotifyFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} aborted during upload: {Reason}")]
    private static partial void LogJobAborted(ILogger logger, string jobId, string reason);
}
