using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Pricing;

namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>
/// GET /jobs/{id}/events: a job's progress pushed as Server-Sent Events, for the web page and anyone who would
/// otherwise poll GET /jobs/{id}. The API polls the job grain (one short call a second, never a call held open) and
/// sends an event only when the progress changed; the stream ends after the event with a final status.
/// </summary>
public static class JobEventsEndpoint
{
    public static RouteHandlerBuilder MapJobEvents(this RouteGroupBuilder group) =>
        group.MapGet("/{id}/events", StreamEvents)
            .WithSummary("The job's progress as Server-Sent Events (text/event-stream): a 'progress' event with the same JSON as GET /jobs/{id} whenever it changes (checked every second), a comment line as a heartbeat, and the end of the stream after the event with status completed, failed or cancelled.")
            .Produces(StatusCodes.Status200OK, contentType: JobEventStream.ContentType)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> StreamEvents(
        string id, HttpContext http, IGrainFactory grains, CostCalculator costs, IOptions<JsonOptions> json, TimeProvider clock)
    {
        var key = JobsApi.KeyOf(http.User, id);
        var job = key is null ? null : grains.GetGrain<IJobGrain>(key);
        var first = job is null ? null : await job.GetProgress();
        if (job is null || first is null)
        {
            // Before the stream starts, so a client sees a plain 404 rather than an empty stream.
            return JobsApi.NotFoundJob(id);
        }

        var stream = new JobEventStream(job, grains, costs, json.Value.SerializerOptions, clock);
        await stream.WriteAsync(http.Response, first, http.RequestAborted);
        return TypedResults.Empty;
    }
}
