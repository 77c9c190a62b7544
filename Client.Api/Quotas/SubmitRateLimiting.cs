using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PersonalizedLine.Client.Api.Auth;
using PersonalizedLine.Silo.Auth;

namespace PersonalizedLine.Client.Api.Quotas;

/// <summary>
/// <c>Quotas__SubmitsPerMinute</c>: POST /jobs requests per tenant per minute, a fixed one-minute window held by ASP.NET
/// Core rate limiting. The window is per API process: with N replicas behind a load balancer a tenant gets up to N
/// times the limit. Other requests are not limited here.
/// </summary>
public static class SubmitRateLimiting
{
    public static IServiceCollection AddTenantSubmitRateLimiting(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(Partition);
            limiter.OnRejected = OnRejectedAsync;
        });

    private static RateLimitPartition<string> Partition(HttpContext http)
    {
        if (!IsSubmit(http.Request))
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        var tenant = http.User.TenantOf();
        var quotas = http.RequestServices.GetRequiredService<IOptions<QuotaOptions>>().Value;
        if (quotas.For(tenant).SubmitsPerMinute is not { } perMinute)
        {
            return RateLimitPartition.GetNoLimiter(string.Empty);
        }

        // The limit is part of the partition's name, so a changed setting never reuses a window sized for the old one.
        return RateLimitPartition.GetFixedWindowLimiter($"{tenant}/{perMinute}", _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static bool IsSubmit(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && (request.Path.Equals("/jobs", StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals("/jobs/", StringComparison.OrdinalIgnoreCase));

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var tenant = http.User.TenantOf();
        var quotas = http.RequestServices.GetRequiredService<IOptions<QuotaOptions>>().Value;
        var perMinute = quotas.For(tenant).SubmitsPerMinute ?? 0;
        var name = quotas.Tenants.TryGetValue(tenant, out var own) && own.SubmitsPerMinute is not null
            ? $"{QuotaOptions.SectionName}__Tenants__{tenant}__SubmitsPerMinute"
            : $"{QuotaOptions.SectionName}__SubmitsPerMinute";
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        await new QuotaExceededResult(name, perMinute, retryAfter,
            $"Tenant '{tenant}' has sent {perMinute} job submissions this minute, its limit ({name} = {perMinute}). Try again after the Retry-After seconds.")
            .ExecuteAsync(http);
    }
}
