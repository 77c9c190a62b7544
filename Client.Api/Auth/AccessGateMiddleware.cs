using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace PersonalizedLine.Client.Api.Auth;

/// <summary>
/// Applies the policy <see cref="ProtectedPaths"/> names for the request's path, before routing hands the request to
/// an endpoint or to the Dashboard: no or bad key → 401, a key without the right → 403.
/// </summary>
public sealed class AccessGateMiddleware(RequestDelegate next, IAuthorizationPolicyProvider policies, IPolicyEvaluator evaluator)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (ProtectedPaths.PolicyFor(context.Request.Path) is { } name && await policies.GetPolicyAsync(name) is { } policy)
        {
            var authentication = await evaluator.AuthenticateAsync(policy, context);
            var authorization = await evaluator.AuthorizeAsync(policy, authentication, context, resource: null);
            if (authorization.Challenged)
            {
                await context.ChallengeAsync(ApiKeyAuthentication.Scheme);
                return;
            }

            if (authorization.Forbidden)
            {
                await context.ForbidAsync(ApiKeyAuthentication.Scheme);
                return;
            }
        }

        await next(context);
    }
}
