namespace PersonalizedLine.Client.Api.Auth;

/// <summary>
/// Which policy a path needs, decided here by path rather than on each endpoint, so that pages added by other parts
/// of the API (an endpoint under /jobs, a metrics or API reference page) are covered the moment they exist.
/// /health and the web page at / stay open (the page asks for a key itself).
/// </summary>
public static class ProtectedPaths
{
    private static readonly string[] AdminPrefixes = ["/dashboard", "/openapi", "/scalar", "/metrics"];

    public static string? PolicyFor(PathString path)
    {
        if (path.StartsWithSegments("/jobs", StringComparison.OrdinalIgnoreCase))
        {
            return AuthPolicies.Tenant;
        }

        // A plain prefix (not whole segments): /scalar, /scalar/v1 and /scalar.js all belong to the admin pages.
        var value = path.Value ?? string.Empty;
        return AdminPrefixes.Any(prefix => value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) ? AuthPolicies.Admin : null;
    }
}
