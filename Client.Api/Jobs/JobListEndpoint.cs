using System.Globalization;
using System.Security.Claims;
using PersonalizedLine.Client.Api.Auth;
using PersonalizedLine.Grains.Interfaces.JobIndex;
using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>
/// GET /jobs: the tenant's jobs, newest first, paged by <c>limit</c> and <c>offset</c>, each with its status and counts
/// (asked of the page's jobs at once). A listed job that no longer exists is left out and dropped from the list.
/// </summary>
/// <remarks>
/// Offset paging: a job created while a client walks the pages shifts the later ones by one, so a job may show up on
/// two pages; the <c>next</c> link accounts for the jobs dropped from the page it follows.
/// </remarks>
public static class JobListEndpoint
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <remarks>The parameters arrive as text so that "limit=ten" gets the same 400 as "limit=0", not a binding failure.</remarks>
    public static async Task<IResult> ListJobs(string? limit, string? offset, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var take = Read(limit, nameof(limit), DefaultLimit, value => value is >= 1 and <= MaxLimit, $"between 1 and {MaxLimit}", errors);
        var skip = Read(offset, nameof(offset), 0, value => value >= 0, "0 or more", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid paging",
                detail: $"Ask for GET /jobs?limit=1..{MaxLimit}&offset=0 or more.");
        }

        // The caller's own tenant's list: its entries are that tenant's grain keys.
        var index = grains.GetGrain<IJobIndexGrain>(user.TenantOf());
        var page = await index.Page(skip, take);
        var progress = await Task.WhenAll(page.Entries.Select(entry => grains.GetGrain<IJobGrain>(entry.JobId).GetProgress()));
        var gone = page.Entries.Where((_, i) => progress[i] is null).Select(entry => entry.JobId).ToList();
        await Task.WhenAll(gone.Select(index.Remove));

        var jobs = progress.OfType<JobProgress>().Select(JobSummaryResponse.From).ToList();
        var total = page.Total - gone.Count;
        var nextOffset = skip + jobs.Count;
        var next = nextOffset < total ? $"/jobs?limit={take}&offset={nextOffset}" : null;
        return TypedResults.Ok(new JobListResponse(jobs, total, take, skip, next));
    }

    /// <summary>The parameter's value, its default when absent; otherwise records why it is refused.</summary>
    private static int Read(string? text, string name, int absent, Func<int, bool> valid, string rule, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return absent;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && valid(value))
        {
            return value;
        }

        errors[name] = [$"{name} must be a whole number {rule} (it was '{text}')."];
        return absent;
    }
}
