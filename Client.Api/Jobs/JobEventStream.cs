using System.Text;
using System.Text.Json;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Webhooks;
using PersonalizedLine.Grains.Pricing;

namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>
/// Writes one job's Server-Sent Events stream by hand rather than through <c>TypedResults.ServerSentEvents</c>: the
/// heartbeat is an SSE comment line, which the built-in formatter has no way to write.
/// </summary>
/// <param name="job">The job followed.</param>
/// <param name="grains">For the job's webhook deliveries, shown once it has an outcome (as GET /jobs/{id} does).</param>
/// <param name="costs">Prices the usage, as GET /jobs/{id} does.</param>
/// <param name="json">The API's JSON settings, so an event's data is byte for byte what GET /jobs/{id} answers.</param>
/// <param name="clock">Paces the polls.</param>
public sealed class JobEventStream(IJobGrain job, IGrainFactory grains, CostCalculator costs, JsonSerializerOptions json, TimeProvider clock)
{
    public const string ContentType = "text/event-stream";

    public const string ProgressEvent = "progress";

    /// <summary>How often the job grain is asked; each ask is one short call.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Proxies and load balancers close a connection that has been quiet for a while (nginx after 60 s by default);
    /// a paused job may send no event for hours.
    /// </summary>
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(15);

    private static readonly byte[] Heartbeat = Encoding.UTF8.GetBytes(": keep-alive\n\n");

    public async Task WriteAsync(HttpResponse response, JobProgress first, CancellationToken cancellationToken)
    {
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        // nginx buffers responses unless told not to; events would then arrive in bursts.
        response.Headers["X-Accel-Buffering"] = "no";

        string? lastSent = null;
        var lastWrite = clock.GetTimestamp();
        var progress = first;
        try
        {
            // A comment first, so the client sees the stream open before anything changes.
            await response.Body.WriteAsync(Heartbeat, cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
            while (progress is not null)
            {
                var finished = progress.Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;
                var data = await SerializeAsync(progress, finished);
                if (data != lastSent)
                {
                    await WriteEventAsync(response, data, cancellationToken);
                    lastSent = data;
                    lastWrite = clock.GetTimestamp();
                }
                else if (clock.GetElapsedTime(lastWrite) >= HeartbeatInterval)
                {
                    await response.Body.WriteAsync(Heartbeat, cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    lastWrite = clock.GetTimestamp();
                }

                if (finished)
                {
                    return;
                }

                await Task.Delay(PollInterval, clock, cancellationToken);
                // Null when the job was deleted meanwhile: nothing more will happen, the stream ends.
                progress = await job.GetProgress();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away; nothing to tell it.
        }
    }

    private async Task<string> SerializeAsync(JobProgress progress, bool finished)
    {
        var webhook = finished ? await grains.GetGrain<IJobWebhookGrain>(progress.JobId).GetStatus() : null;
        return JsonSerializer.Serialize(JobProgressResponse.From(progress, costs, webhook), json);
    }

    private static async Task WriteEventAsync(HttpResponse response, string data, CancellationToken cancellationToken)
    {
        // The serializer writes no raw line breaks (they are escaped inside strings), so the JSON is one data line.
        await response.WriteAsync($"event: {ProgressEvent}\ndata: {data}\n\n", Encoding.UTF8, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
