using System.Security.Claims;
using PersonalizedLine.Grains.Interfaces.JobIndex;

namespace PersonalizedLine.Client.Api.Auth;

/// <summary>The claims an authenticated caller carries: its tenant, whether it is an admin, and the key's id.</summary>
public static class TenantClaims
{
    public const string Tenant = "personalizedline/tenant";
    public const string Admin = "personalizedline/admin";
    public const string KeyId = "personalizedline/key-id";

    public static ClaimsPrincipal Principal(string tenant, bool isAdmin, string? keyId, string scheme)
    {
        var claims = new List<Claim> { new(Tenant, tenant), new(ClaimTypes.Name, keyId ?? tenant) };
        if (isAdmin)
        {
            claims.Add(new Claim(Admin, "true"));
        }

        if (keyId is not null)
        {
            claims.Add(new Claim(KeyId, keyId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>
    /// The caller's tenant. Every /jobs endpoint runs behind the tenant policy, so the claim is there; the default
    /// tenant is only what a caller with no claim (never reached there) would be.
    /// </summary>
    public static string TenantOf(this ClaimsPrincipal user) => user.FindFirstValue(Tenant) ?? Tenants.Default;
}
