namespace PersonalizedLine.Silo.Auth;

/// <summary>Who may call the API (<c>Auth__Mode</c>).</summary>
public enum AuthMode
{
    /// <summary>
    /// No keys: every caller is the default tenant, with admin rights. The zero set-up default, allowed only while the
    /// API listens on loopback addresses.
    /// </summary>
    None = 0,

    /// <summary>Every /jobs call needs an API key, which names its tenant; admin pages need an admin key.</summary>
    ApiKeys = 1,
}
