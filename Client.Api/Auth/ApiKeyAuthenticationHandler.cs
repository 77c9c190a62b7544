using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using PersonalizedLine.Grains.Interfaces.JobIndex;
using PersonalizedLine.Silo.Auth;

namespace PersonalizedLine.Client.Api.Auth;

/// <summary>
/// Reads <c>Authorization: Bearer {key}</c> or <c>X-Api-Key: {key}</c> and makes the caller the key's tenant. With
/// <c>Auth__Mode=None</c> (loopback only) every caller is the default tenant with admin rights. A missing, unknown or
/// revoked key is answered 401 with a ProblemDetails body and a <c>WWW-Authenticate</c> header; an admin page asked
/// for with a tenant key is answered 403.
/// </summary>
/// <remarks>
/// The admin pages are opened in a browser, which cannot add a header to the Dashboard's own requests: there the 401
/// also offers HTTP Basic, so the browser asks for credentials once (any user name, the key as password) and sends them
/// with every later request. /jobs does not offer it, so the web page's own requests never raise a browser dialog.
/// </remarks>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<AuthOptions> auth,
    ApiKeyVerifier verifier,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    private const string FailureItem = "personalizedline/auth-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (auth.Value.Mode == AuthMode.None)
        {
            return Success(TenantClaims.Principal(Tenants.Default, isAdmin: true, keyId: null, Scheme.Name));
        }

        var presented = PresentedKey();
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var key = await verifier.VerifyAsync(presented, Context.RequestAborted);
        if (key is null)
        {
            // The same answer for an unknown, a malformed and a revoked key: the caller learns nothing about which keys exist.
            Context.Items[FailureItem] = true;
            return AuthenticateResult.Fail("The API key is not valid or has been revoked.");
        }

        return Success(TenantClaims.Principal(key.Tenant, key.IsAdmin, key.Id, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var rejected = Context.Items.ContainsKey(FailureItem);
        var bearer = rejected
            ? $"Bearer realm=\"{ApiKeyAuthentication.Realm}\", error=\"invalid_token\", error_description=\"The API key is not valid or has been revoked\""
            : $"Bearer realm=\"{ApiKeyAuthentication.Realm}\"";
        Response.Headers.WWWAuthenticate = ProtectedPaths.PolicyFor(Request.Path) == AuthPolicies.Admin
            ? new StringValues([bearer, $"Basic realm=\"{ApiKeyAuthentication.Realm} admin\", charset=\"UTF-8\""])
            : bearer;
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, rejected ? "Invalid API key" : "API key required", rejected
            ? "The API key is not valid or has been revoked. Ask your administrator for a key (personalizedline keys create --tenant <name>)."
            : $"Send an API key as 'Authorization: Bearer <key>' or '{ApiKeyAuthentication.ApiKeyHeader}: <key>'. Keys are created with: personalizedline keys create --tenant <name>.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Admin key required",
            "This page is for administrators: call it with an admin key (personalizedline keys create --tenant <name> --admin).");

    private string? PresentedKey()
    {
        string authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return BasicPassword(authorization["Basic ".Length..].Trim());
        }

        var header = Request.Headers[ApiKeyAuthentication.ApiKeyHeader].ToString().Trim();
        return header.Length > 0 ? header : null;
    }

    /// <summary>The password of HTTP Basic credentials (the user name is ignored); null when they cannot be read.</summary>
    private static string? BasicPassword(string encoded)
    {
        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length))
        {
            return null;
        }

        var credentials = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = credentials.IndexOf(':');
        return colon < 0 ? null : credentials[(colon + 1)..];
    }

    private AuthenticateResult Success(System.Security.Claims.ClaimsPrincipal principal) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));

    private async Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
