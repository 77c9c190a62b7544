using Microsoft.AspNetCore.Diagnostics;
using PersonalizedLine.Grains.Submission;

namespace PersonalizedLine.Client.Api;

/// <summary>
/// While no silo answers (a restart, a network cut) calls fail with Orleans or timeout exceptions: that is the
/// cluster being unavailable, not a bug, so the answer is a 503 with Retry-After rather than a bare 500. An upload the
/// cluster could not take for minutes says that nothing of it was kept and that the file must be uploaded again.
/// </summary>
public sealed partial class ClusterUnavailableHandler(ILogger<ClusterUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (OrleansException or TimeoutException or UploadInterruptedException))
        {
            return false;
        }

        LogUnavailable(logger, exception, http.Request.Path);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = "5";
        var (title, detail) = exception is UploadInterruptedException interrupted
            ? ("The upload was interrupted", interrupted.Message)
            : ("The cluster is unavailable", "The cluster could not answer in time: a silo may be restarting, or its storage may be unreachable. Jobs already started are safe; retry in a few seconds.");
        await TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title, detail: detail).ExecuteAsync(http);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster unavailable while serving {Path}")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string path);
}
