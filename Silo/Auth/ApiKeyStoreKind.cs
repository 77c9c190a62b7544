namespace PersonalizedLine.Silo.Auth;

/// <summary>Where API keys are kept (<c>Auth__KeyStore</c>).</summary>
public enum ApiKeyStoreKind
{
    /// <summary>PostgreSQL when <c>ConnectionStrings__Postgres</c> is set (the cluster profile), otherwise the key file.</summary>
    Auto = 0,

    /// <summary>A JSON file (<c>Auth__KeyFile</c>), for one machine.</summary>
    File = 1,

    /// <summary>A table in the PostgreSQL database of <c>ConnectionStrings__Postgres</c>, shared by every API replica.</summary>
    Postgres = 2,
}
