using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Submission;

namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>The jobs endpoints: submit a CSV, follow its progress, download the result, cancel.</summary>
public static class JobsApi
{
    public static RouteGroupBuilder MapJobs(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/jobs").WithTags("Jobs");
        group.MapPost("/", SubmitJob)
            .WithSummary("Upload a CSV of leads (multipart/form-data: file, optional prompt, researchQuery, model, refreshResearch).")
            .DisableAntiforgery();
        group.MapGet("/{id}", GetJob).WithSummary("A job's status, counts, rate, ETA and usage.");
        group.MapGet("/{id}/result", GetResult)
            .WithSummary("The output CSV, streamed. While the job runs, ?partial=true streams what is done so far.");
        group.MapPost("/{id}/cancel", CancelJob).WithSummary("Stop a job; unprocessed rows end as failed with a reason.");
        return group;
    }

    private static async Task<IResult> SubmitJob(HttpContext http, JobSubmitter submitter, IOptions<UploadOptions> upload)
    {
        var maxFileBytes = upload.Value.MaxFileBytes;

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
            var progress = await new MultipartJobUpload(http.Request, maxFileBytes).SubmitAsync(submitter, http.RequestAborted);
            var location = $"/jobs/{progress.JobId}";
            return TypedResults.Accepted(location, JobProgressResponse.From(progress));
        }
        catch (Exception ex) when (ApiProblems.For(ex, maxFileBytes) is { } problem)
        {
            return problem;
        }
    }

    private static async Task<IResult> GetJob(string id, IGrainFactory grains)
    {
        var progress = await grains.GetGrain<IJobGrain>(id).GetProgress();
        return progress is null ? NotFoundJob(id) : TypedResults.Ok(JobProgressResponse.From(progress));
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

    private static async Task<IResult> CancelJob(string id, IGrainFactory grains)
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

        return TypedResults.Ok(JobProgressResponse.From(progress));
    }

    private static IResult NotFoundJob(string id) => ApiProblems.Problem(StatusCodes.Status404NotFound, "Job not found",
        $"There is no job with id '{id}'. Use the id returned by POST /jobs.");
}
