using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using PersonalizedLine.Client.Api.Quotas;
using PersonalizedLine.Silo.Auth;

namespace PersonalizedLine.Client.Api.Auth;

/// <summary>The API's one entry point for authentication, authorization and per-tenant quotas.</summary>
public static class AuthExtensions
{
    public static IServiceCollection AddPersonalizedLineAuth(this IServiceCollection services)
    {
        services.AddApiKeys();
        services.AddSingleton<IValidateOptions<AuthOptions>, LoopbackOnlyWithoutKeysValidator>();
        services.AddAuthentication(ApiKeyAuthentication.Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthentication.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Tenant, policy => policy.RequireAuthenticatedUser().RequireClaim(TenantClaims.Tenant))
            .AddPolicy(AuthPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireClaim(TenantClaims.Admin, "true"));
        services.AddSingleton<TenantQuotas>();
        services.AddTenantSubmitRateLimiting();
        return services;
    }

    /// <summary>Authenticates every request, applies the path's policy (<see cref="ProtectedPaths"/>), then the submit rate limit.</summary>
    public static IApplicationBuilder UsePersonalizedLineAuth(this IApplicationBuilder app) =>
        app.UseAuthentication()
            .UseMiddleware<AccessGateMiddleware>()
            .UseRateLimiter();
}
