using Microsoft.Extensions.Configuration;

namespace PersonalizedLine.Silo.Auth;

/// <summary>
/// The one place that decides where keys live: PostgreSQL in the cluster profile (whenever
/// <c>ConnectionStrings__Postgres</c> is set, unless <c>Auth__KeyStore</c> says otherwise), the key file elsewhere.
/// The command line and the API both call it, so with the same settings they use the same store.
/// </summary>
public static class ApiKeyStoreFactory
{
    public static IApiKeyStore Create(AuthOptions options, IConfiguration configuration)
    {
        var postgres = configuration.GetConnectionString("Postgres");
        return options.KeyStore switch
        {
            ApiKeyStoreKind.Postgres when string.IsNullOrWhiteSpace(postgres) => throw new InvalidOperationException(
                "Auth__KeyStore is Postgres but ConnectionStrings__Postgres is not set. Set it, or use Auth__KeyStore=File."),
            ApiKeyStoreKind.Postgres => new PostgresApiKeyStore(postgres!),
            ApiKeyStoreKind.Auto when !string.IsNullOrWhiteSpace(postgres) => new PostgresApiKeyStore(postgres),
            _ => new FileApiKeyStore(options.KeyFile),
        };
    }

    /// <summary>A short description for logs and the command line ("PostgreSQL table …" or "file …").</summary>
    public static string Describe(IApiKeyStore store) => store switch
    {
        PostgresApiKeyStore => $"PostgreSQL table {PostgresApiKeyStore.Table}",
        FileApiKeyStore file => $"file {file.Path}",
        _ => store.GetType().Name,
    };
}
