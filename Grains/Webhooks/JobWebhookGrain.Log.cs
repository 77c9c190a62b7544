using Microsoft.Extensions.Logging;

namespace PersonalizedLine.Grains.Webhooks;

public sealed partial class JobWebhookGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: webhook {EventType} enqueued")]
    private static partial void LogEnqueued(ILogger logger, string jobId, string eventType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: webhook {EventType} delivered on attempt {Attempt}")]
    private static partial void LogDelivered(ILogger logger, string jobId, string eventType, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: webhook {EventType} attempt {Attempt} failed ({Error}); next attempt at {NextAttemptAt}")]
    private static partial void LogRetrying(ILogger logger, string jobId, string eventType, int attempt, string? error, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: webhook {EventType} given up after {Attempts} attempts: {Reason}")]
    private static partial void LogGaveUp(ILogger logger, string jobId, string eventType, int attempts, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: a webhook delivery step failed; the timer or reminder tries again")]
    private static partial void LogDeliveryStepFailed(ILogger logger, Exception exception, string jobId);
}
