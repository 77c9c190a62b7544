namespace PersonalizedLine.Client.Api.Auth;

/// <summary>The authentication scheme's name and the headers it reads.</summary>
public static class ApiKeyAuthentication
{
    public const string Scheme = "ApiKey";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string Realm = "PersonalizedLine";
}
