using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.JobIndex;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Quotas;
using PersonalizedLine.Silo.Auth;

namespace PersonalizedLine.Client.Api.Quotas;

/// <summary>
/// The per-tenant limits checked when a job is submitted: jobs queued, running or paused at once (counted from the
/// tenant's job list), and rows per UTC day (a counter grain per tenant and day, so every API replica shares it).
/// Submits per minute are held by the rate limiter (<see cref="SubmitRateLimiting"/>). An unset limit costs nothing.
/// </summary>
public sealed class TenantQuotas(IGrainFactory grains, IOptions<QuotaOptions> options, TimeProvider clock)
{
    private const int PageSize = 100;

    /// <summary>A job slot waits on a running job; a minute is a fair first wait.</summary>
    private static readonly TimeSpan JobSlotRetryAfter = TimeSpan.FromMinutes(1);

    /// <summary>Before the upload is read: refuses when the tenant has no job slot or no row left today.</summary>
    public async Task CheckBeforeUploadAsync(string tenant, CancellationToken cancellationToken)
    {
        var limits = options.Value.For(tenant);
        if (limits.ConcurrentJobs is { } maxJobs && await CountActiveJobsAsync(tenant, maxJobs, cancellationToken) >= maxJobs)
        {
            throw new QuotaExceededException(LimitName(tenant, nameof(QuotaLimits.ConcurrentJobs)), maxJobs, JobSlotRetryAfter,
                $"Tenant '{tenant}' already has {maxJobs} jobs queued, running or paused, its limit ({LimitName(tenant, nameof(QuotaLimits.ConcurrentJobs))} = {maxJobs}). " +
                "Wait for one to finish, or cancel one.");
        }

        if (limits.RowsPerDay is { } maxRows && await DailyRows(tenant).Used() >= maxRows)
        {
            throw RowsExceeded(tenant, maxRows, 0);
        }
    }

    /// <summary>Once the file is stored: counts its rows against today's limit, or refuses (the job is then discarded).</summary>
    public async Task AdmitRowsAsync(string tenant, long rows, CancellationToken cancellationToken)
    {
        if (options.Value.For(tenant).RowsPerDay is { } maxRows && !await DailyRows(tenant).TryAdd(rows, maxRows))
        {
            throw RowsExceeded(tenant, maxRows, rows);
        }
    }

    private ITenantDailyRowsGrain DailyRows(string tenant) =>
        grains.GetGrain<ITenantDailyRowsGrain>(TenantDailyRowsKeys.For(tenant, clock.GetUtcNow()));

    private QuotaExceededException RowsExceeded(string tenant, long maxRows, long rows)
    {
        var now = clock.GetUtcNow();
        var midnight = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        var name = LimitName(tenant, nameof(QuotaLimits.RowsPerDay));
        var what = rows > 0 ? $"This file's {rows} rows would take tenant '{tenant}'" : $"Tenant '{tenant}' has reached";
        return new QuotaExceededException(name, maxRows, midnight - now,
            $"{what} over its limit of {maxRows} rows per day ({name} = {maxRows}); nothing of this upload was kept. " +
            "The count starts again at midnight UTC; a smaller file (or limit=N for a preview) may fit today.");
    }

    /// <summary>Jobs queued, running or paused, counted until <paramref name="enough"/> (no need to read the whole list).</summary>
    /// <remarks>A count, not a reservation: two submissions at the same instant may both pass. Cheap and needs no state of its own.</remarks>
    private async Task<int> CountActiveJobsAsync(string tenant, int enough, CancellationToken cancellationToken)
    {
        var index = grains.GetGrain<IJobIndexGrain>(tenant);
        var active = 0;
        for (var offset = 0; active < enough; offset += PageSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await index.Page(offset, PageSize);
            var progress = await Task.WhenAll(page.Entries.Select(entry => grains.GetGrain<IJobGrain>(entry.JobId).GetProgress()));
            active += progress.Count(job => job?.Status is JobStatus.Queued or JobStatus.Running or JobStatus.Paused);
            if (page.Entries.Count < PageSize)
            {
                break;
            }
        }

        return active;
    }

    private string LimitName(string tenant, string setting) =>
        options.Value.Tenants.TryGetValue(tenant, out var own) && typeof(QuotaLimits).GetProperty(setting)!.GetValue(own) is not null
            ? $"{QuotaOptions.SectionName}__Tenants__{tenant}__{setting}"
            : $"{QuotaOptions.SectionName}__{setting}";
}
