using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Estimates;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Pricing;
using PersonalizedLine.Grains.Interfaces.Webhooks;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Grains.Webhooks;

namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>The jobs endpoints: estimate a CSV's cost, submit it (or a preview of its first rows), follow its progress, download the result, cancel.</summary>
public static class JobsApi
{
    public static RouteGroupBuilder MapJobs(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/jobs").WithTags("Jobs");
        group.MapPost("/", SubmitJob)
            .WithSummary("Upload a CSV of leads (multipart/form-data: file, optional prompt, researchQuery, model, refreshResearch; limit=N runs only the first N rows, a preview; rowsPerRequest=B lets B rows share one LLM request; mode=batch sends the LLM work through the provider's Batch API; webhookUrl=URL receives the job's outcome as a signed POST).")
            .DisableAntiforgery();
        group.MapPost("/estimate", EstimateJob)
            .WithSummary("What the file would cost (same form as POST /jobs): rows, searches, LLM requests, tokens, time at the configured limits, money. Creates nothing, calls no provider.")
            .DisableAntiforgery();
        group.MapGet("/{id}", GetJob).WithSummary("A job's status, counts, rate, ETA and usage, and its webhook deliveries once it has an outcome.");
        group.MapGet("/{id}/result", GetResult)
            .WithSummary("The output CSV, streamed. While the job runs, ?partial=true streams what is done so far.");
        group.MapPost("/{id}/cancel", CancelJob).WithSummary("Stop a job; unprocessed rows end as failed with a reason.");
        return group;
    }

    private static Task<IResult> SubmitJob(
        HttpContext http, JobSubmitter submitter, CostCalculator costs, IOptions<UploadOptions> upload, WebhookUrlValidator webhooks) =>
        ReadUploadAsync(http, upload.Value.MaxFileBytes, webhooks, async (form, token) =>
        {
            var progress = await form.SubmitAsync(submitter, token);
            return TypedResults.Accepted($"/jobs/{progress.JobId}", JobProgressResponse.From(progress, costs));
        });

    private static Task<IResult> EstimateJob(HttpContext http, JobEstimator estimator, IOptions<UploadOptions> upload, WebhookUrlValidator webhooks) =>
        ReadUploadAsync(http, upload.Value.MaxFileBytes, webhooks, async (form, token) => TypedResults.Ok(await form.EstimateAsync(estimator, token)));

    /// <summary>The upload rules both POST /jobs and POST /jobs/estimate follow: size limit, multipart form, ProblemDetails for bad input.</summary>
    private static async Task<IResult> ReadUploadAsync(
        HttpContext http, long maxFileBytes, WebhookUrlValidator webhooks, Func<MultipartJobUpload, CancellationToken, Task<IResult>> handle)
    {
        // Headers and form parts ride on top of the file, hence the slack over the file limit.
        var limit = maxFileBytes + (1024 * 1024);
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        if (http.Request.ContentLength > limit)
        {
            return ApiProblems.TooLarge(maxFileBytes);
        }

        try
        {
            return await handle(new MultipartJobUpload(http.Request, maxFileBytes, webhooks), http.RequestAborted);
        }
        catch (Exception ex) when (ApiProblems.For(ex, maxFileBytes) is { } problem)
        {
            return problem;
        }
    }

    private static async Task<IResult> GetJob(string id, IGrainFactory grains, CostCalculator costs)
    {
        var progress = await grains.GetGrain<IJobGrain>(id).GetProgress();
        if (progress is null)
        {
            return NotFoundJob(id);
        }

        // Deliveries exist only once the job has an outcome; before that no webhook grain is woken.
        var webhook = progress.Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled
            ? await grains.GetGrain<IJobWebhookGrain>(id).GetStatus()
            : null;
        return TypedResults.Ok(JobProgressResponse.From(progress, costs, webhook));
    }

    private static async Task<IResult> GetResult(string id, bool? partial, HttpContext http, IGrainFactory grains, JobResultWriter writer)
    {
        var manifest = await grains.GetGrain<IJobGrain>(id).GetManifest();
        if (manifest is null)
        {
            return NotFoundJob(id);
        }

        var finished = manifest.Status is JobStatus.Completed or JobStatus.Cancelled;
        if (!finished && !(partial == true && manifest.Status == JobStatus.Running))
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, "The job is not finished",
                $"Job {id} is {manifest.Status.ToString().ToLowerInvariant()}. Poll GET /jobs/{id} until its status is 'completed', or ask for ?partial=true to stream the rows done so far.");
        }

        var downloadName = Path.GetFileNameWithoutExtension(manifest.Spec.FileName) + ".personalized.csv";
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = downloadName,
        }.ToString();
        await writer.WriteAsync(id, manifest, http.Response.Body, http.RequestAborted);
        return TypedResults.Empty;
    }

    private static async Task<IResult> CancelJob(string id, IGrainFactory grains, CostCalculator costs)
    {
        var progress = await grains.GetGrain<IJobGrain>(id).Cancel();
        if (progress is null)
        {
            return NotFoundJob(id);
        }

        if (progress.Status is JobStatus.Completed or JobStatus.Failed)
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, "The job is already finished",
                $"Job {id} is {progress.Status.ToString().ToLowerInvariant()}; there is nothing to cancel.");
        }

        return TypedResults.Ok(JobProgressResponse.From(progress, costs));
    }

    private static IResult NotFoundJob(string id) => ApiProblems.Problem(StatusCodes.Status404NotFound, "Job not found",
        $"There is no job with id '{id}'. Use the id returned by POST /jobs.");
}
