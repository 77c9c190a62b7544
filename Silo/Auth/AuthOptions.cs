namespace PersonalizedLine.Silo.Auth;

/// <summary>API authentication and where its keys are kept (the <c>Auth</c> section).</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Auth";

    public AuthMode Mode { get; set; } = AuthMode.None;

    public ApiKeyStoreKind KeyStore { get; set; } = ApiKeyStoreKind.Auto;

    /// <summary>
    /// The key file of the file store. The default is in the user's home, so the command line and the API find the
    /// same file from any working directory.
    /// </summary>
    public string KeyFile { get; set; } = DefaultKeyFile;

    /// <summary>How long a verified key is trusted before the store is asked again: a revocation takes effect within it.</summary>
    public TimeSpan KeyCacheTtl { get; set; } = TimeSpan.FromSeconds(5);

    public static string DefaultKeyFile { get; } = Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".personalizedline", "api-keys.json");
}
