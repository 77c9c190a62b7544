namespace PersonalizedLine.Client.Api.Auth;

/// <summary>The two authorization policies: any valid key (a tenant), and an admin key.</summary>
public static class AuthPolicies
{
    public const string Tenant = "tenant";
    public const string Admin = "admin";
}
