using Microsoft.AspNetCore.Diagnostics;

namespace PersonalizedLine.Client.Api;

/// <summary>
/// While no silo answers (a restart, a network cut) calls fail with Orleans or timeout exceptions: that is the
/// cluster being unavailable, not a bug, so the answer is a 503 with Retry-After rather than a bare 500.
/// </summary>
public sealed partial class ClusterUnavailableHandler(ILogger<ClusterUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (OrleansException or TimeoutException))
        {
            return false;
        }

        LogUnavailable(logger, exception, http.Request.Path);
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = "5";
        await TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "The cluster is unavailable",
            detail: "No silo answered in time (they may be restarting). Your job is safe; retry in a few seconds.")
            .ExecuteAsync(http);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cluster unavailable while serving {Path}")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string path);
}
