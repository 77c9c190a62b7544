using System.Security.Claims;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using PersonalizedLine.Client.Api.Auth;
using PersonalizedLine.Client.Api.Quotas;
using PersonalizedLine.Grains.Estimates;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Pricing;
using PersonalizedLine.Grains.Interfaces.Webhooks;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Grains.Webhooks;

namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>The jobs endpoints: estimate a CSV's cost, submit it (or a preview of its first rows), list jobs, follow its progress, download the result, cancel.</summary>
public static class JobsApi
{
    public static RouteGroupBuilder MapJobs(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/jobs").WithTags("Jobs");
        group.MapPost("/", SubmitJob)
            .DescribesUploadForm()
            .Produces<JobProgressResponse>(StatusCodes.Status202Accepted)
            .WithSummary("Upload a CSV or .xlsx of leads (multipart/form-data: file, optional prompt, researchQuery, model, refreshResearch; sheet=NAME picks a workbook's sheet (default the first); limit=N runs only the first N rows, a preview; rowsPerRequest=B lets B rows share one LLM request; mode=batch sends the LLM work through the provider's Batch API; webhookUrl=URL receives the job's outcome as a signed POST).")
            .DisableAntiforgery();
        group.MapPost("/estimate", EstimateJob)
            .DescribesUploadForm()
            .Produces<JobEstimate>()
            .WithSummary("What the file would cost (same form as POST /jobs): rows, searches, LLM requests, tokens, time at the configured limits, money. Creates nothing, calls no provider.")
            .DisableAntiforgery();
        group.MapGet("/", JobListEndpoint.ListJobs)
            .Produces<JobListResponse>()
            .WithSummary($"Your jobs, newest first, each with its status and counts: ?limit=1..{JobListEndpoint.MaxLimit} (default {JobListEndpoint.DefaultLimit})&offset=0.. (offset paging); answers {{ jobs, total, limit, offset, next }}, next being the next page's URL or null.");
        group.MapGet("/{id}", GetJob).Produces<JobProgressResponse>().WithSummary("A job's status, counts, rate, ETA and usage, and its webhook deliveries once it has an outcome.");
        group.MapGet("/{id}/result", GetResult)
            .Produces(StatusCodes.Status200OK, responseType: null, contentType: "text/csv", ResultDownload.XlsxContentType)
            .WithSummary("The output CSV, streamed; ?format=xlsx for an Excel workbook instead. While the job runs, ?partial=true streams what is done so far.");
        group.MapPost("/{id}/cancel", CancelJob).Produces<JobProgressResponse>().WithSummary("Stop a job; unprocessed rows end as failed with a reason. During its upload, the upload stops and nothing is kept.");
        group.MapPost("/{id}/pause", PauseJob).Produces<JobProgressResponse>().WithSummary("No new rows start until the job is resumed; rows in flight finish.");
        group.MapPost("/{id}/resume", ResumeJob).Produces<JobProgressResponse>().WithSummary("A paused job goes on where it stopped.");
        group.MapPost("/{id}/retry", RetryJob)
            .Produces<JobProgressResponse>()
            .WithSummary("Run a finished job's failed rows again (?reason=transient: only those that failed on timeouts, 5xx, rate limits or cancellation); rows that succeeded are kept.");
        group.MapDelete("/{id}", DeleteJob).Produces(StatusCodes.Status204NoContent).WithSummary("Cancel the job if needed and delete it with its rows and results.");
        group.MapJobEvents();
        group.MapJobRows();
        return group;
    }

    private static Task<IResult> SubmitJob(
        HttpContext http, JobSubmitter submitter, CostCalculator costs, IOptions<UploadOptions> upload, WebhookUrlValidator webhooks, TenantQuotas quotas) =>
        ReadUploadAsync(http, upload.Value.MaxFileBytes, webhooks, async (form, token) =>
        {
            var tenant = http.User.TenantOf();
            await quotas.CheckBeforeUploadAsync(tenant, token);
            var progress = await form.SubmitAsync(submitter, token, tenant, (rows, t) => quotas.AdmitRowsAsync(tenant, rows, t));
            return TypedResults.Accepted($"/jobs/{JobKeys.PublicId(progress.JobId)}", JobProgressResponse.From(progress, costs));
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

    private static async Task<IResult> GetJob(string id, ClaimsPrincipal user, IGrainFactory grains, CostCalculator costs)
    {
        if (KeyOf(user, id) is not { } key)
        {
            return NotFoundJob(id);
        }

        var progress = await grains.GetGrain<IJobGrain>(key).GetProgress();
        if (progress is null)
        {
            return NotFoundJob(id);
        }

        // Deliveries exist only once the job has an outcome; before that no webhook grain is woken.
        var webhook = progress.Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled
            ? await grains.GetGrain<IJobWebhookGrain>(key).GetStatus()
            : null;
        return TypedResults.Ok(JobProgressResponse.From(progress, costs, webhook));
    }

    private static async Task<IResult> GetResult(string id, bool? partial, string? format, HttpContext http, IGrainFactory grains, JobResultWriter writer)
    {
        if (!ResultDownload.TryParse(format, out var resultFormat, out var badFormat))
        {
            return badFormat!;
        }

        var key = KeyOf(http.User, id);
        var manifest = key is null ? null : await grains.GetGrain<IJobGrain>(key).GetManifest();
        if (key is null || manifest is null)
        {
            return NotFoundJob(id);
        }

        var finished = manifest.Status is JobStatus.Completed or JobStatus.Cancelled;
        if (!finished && !(partial == true && manifest.Status == JobStatus.Running))
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, "The job is not finished",
                $"Job {id} is {manifest.Status.ToString().ToLowerInvariant()}. Poll GET /jobs/{id} until its status is 'completed', or ask for ?partial=true to stream the rows done so far.");
        }

        return await ResultDownload.SendAsync(key, manifest, resultFormat, http, writer);
    }

    private static async Task<IResult> CancelJob(string id, ClaimsPrincipal user, IGrainFactory grains, CostCalculator costs)
    {
        var progress = KeyOf(user, id) is { } key ? await grains.GetGrain<IJobGrain>(key).Cancel() : null;
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

    private static Task<IResult> PauseJob(string id, ClaimsPrincipal user, IGrainFactory grains, CostCalculator costs) =>
        ChangeAsync(id, user, costs, key => grains.GetGrain<IJobGrain>(key).Pause("Paused on request (POST /jobs/{id}/resume to go on)."));

    private static Task<IResult> ResumeJob(string id, ClaimsPrincipal user, IGrainFactory grains, CostCalculator costs) =>
        ChangeAsync(id, user, costs, key => grains.GetGrain<IJobGrain>(key).Resume());

    private static Task<IResult> RetryJob(string id, string? reason, ClaimsPrincipal user, IGrainFactory grains, CostCalculator costs)
    {
        RetryScope scope;
        switch (reason?.ToLowerInvariant())
        {
            case null or "" or "all":
                scope = RetryScope.AllFailed;
                break;
            case "transient":
                scope = RetryScope.Transient;
                break;
            default:
                return Task.FromResult(ApiProblems.Problem(StatusCodes.Status400BadRequest, "Unknown retry reason",
                    $"reason must be 'transient' (rows that failed on timeouts, 5xx, rate limits or cancellation) or 'all' (every failed row); got '{reason}'."));
        }

        return ChangeAsync(id, user, costs, key => grains.GetGrain<IJobGrain>(key).Retry(scope));
    }

    private static async Task<IResult> DeleteJob(string id, ClaimsPrincipal user, IGrainFactory grains) =>
        KeyOf(user, id) is { } key && await grains.GetGrain<IJobGrain>(key).Delete() ? TypedResults.NoContent() : NotFoundJob(id);

    /// <summary>A change of a job's status: its new progress, 404 for an unknown job, 409 when its status does not allow it.</summary>
    private static async Task<IResult> ChangeAsync(string id, ClaimsPrincipal user, CostCalculator costs, Func<string, Task<JobProgress?>> change)
    {
        if (KeyOf(user, id) is not { } key)
        {
            return NotFoundJob(id);
        }

        try
        {
            var progress = await change(key);
            return progress is null ? NotFoundJob(id) : TypedResults.Ok(JobProgressResponse.From(progress, costs));
        }
        catch (JobConflictException conflict)
        {
            return ApiProblems.Problem(StatusCodes.Status409Conflict, "Not possible in the job's status", conflict.Message,
                new Dictionary<string, object?> { ["status"] = conflict.Status.ToString().ToLowerInvariant() });
        }
    }

    /// <summary>
    /// The grain key of the caller's job <paramref name="id"/>: always composed with the caller's own tenant, so another
    /// tenant's job is out of reach and answers exactly like a job that does not exist. Null for an id no job can have.
    /// </summary>
    internal static string? KeyOf(ClaimsPrincipal user, string id) => JobKeys.For(user.TenantOf(), id);

    internal static IResult NotFoundJob(string id) => ApiProblems.Problem(StatusCodes.Status404NotFound, "Job not found",
        $"There is no job with id '{id}'. Use the id returned by POST /jobs.");
}
