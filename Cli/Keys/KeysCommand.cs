using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PersonalizedLine.Silo.Auth;

namespace PersonalizedLine.Cli.Keys;

/// <summary>
/// <c>keys create --tenant NAME [--admin] [--name TEXT]</c>, <c>keys list</c>, <c>keys revoke ID</c>: API keys in the
/// store the API uses with the same settings (<c>ConnectionStrings__Postgres</c> → PostgreSQL, else <c>Auth__KeyFile</c>).
/// </summary>
public static class KeysCommand
{
    public const string Verb = "keys";

    public const string Usage = """
        Usage: personalizedline keys create --tenant <name> [--admin] [--name <text>]
               personalizedline keys list
               personalizedline keys revoke <id>

        API keys for Auth__Mode=ApiKeys. "create" prints the new key once: only its SHA-256 is stored.
        Keys are kept in PostgreSQL when ConnectionStrings__Postgres is set (the cluster profile), otherwise in
        Auth__KeyFile (default ~/.personalizedline/api-keys.json); run with the API's settings.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var configuration = Host.CreateApplicationBuilder().Configuration;
        var options = configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        if (new AuthOptionsValidator().Validate(null, options) is { Failed: true } invalid)
        {
            return Fail(invalid.FailureMessage);
        }

        var store = ApiKeyStoreFactory.Create(options, configuration);
        try
        {
            var issuer = new ApiKeyIssuer(store, TimeProvider.System);
            return args.FirstOrDefault() switch
            {
                "create" => await CreateAsync(issuer, args.Skip(1).ToList(), store),
                "list" when args.Count == 1 => await ListAsync(issuer, store),
                "revoke" when args.Count == 2 => await RevokeAsync(issuer, args[1]),
                "-h" or "--help" or null => Help(0),
                _ => Help(1, $"Unknown or incomplete keys command: {string.Join(' ', args)}"),
            };
        }
        catch (ArgumentException bad)
        {
            return Fail(bad.Message);
        }
        finally
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    private static async Task<int> CreateAsync(ApiKeyIssuer issuer, List<string> args, IApiKeyStore store)
    {
        string? tenant = null, name = null;
        var admin = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--tenant" when i + 1 < args.Count:
                    tenant = args[++i];
                    break;
                case "--name" when i + 1 < args.Count:
                    name = args[++i];
                    break;
                case "--admin":
                    admin = true;
                    break;
                default:
                    return Help(1, $"Unknown or incomplete option for keys create: {args[i]}");
            }
        }

        if (tenant is null)
        {
            return Help(1, "keys create needs --tenant <name>.");
        }

        var (record, key) = await issuer.CreateAsync(tenant, admin, name, CancellationToken.None);
        // Plain lines, not console markup: they are not wrapped when the output goes to a file or a script.
        Console.WriteLine($"Created key {record.Id} for tenant {record.Tenant}{(record.IsAdmin ? " (admin)" : string.Empty)} in {ApiKeyStoreFactory.Describe(store)}.");
        Console.WriteLine("Copy it now; it is not shown again (only its hash is stored):");
        Console.WriteLine(key);
        return 0;
    }

    private static async Task<int> ListAsync(ApiKeyIssuer issuer, IApiKeyStore store)
    {
        var keys = await issuer.ListAsync(CancellationToken.None);
        if (keys.Count == 0)
        {
            Console.WriteLine($"No keys in {ApiKeyStoreFactory.Describe(store)}. Create one: personalizedline keys create --tenant <name> --admin");
            return 0;
        }

        // Plain aligned columns rather than a drawn table: never wrapped, and easy to read from a script.
        var rows = keys.Select(key => new[]
        {
            key.Id, key.Tenant, key.IsAdmin ? "yes" : "no", key.CreatedAt.ToString("u"), key.RevokedAt?.ToString("u") ?? "-", key.Name ?? string.Empty,
        }).Prepend(["id", "tenant", "admin", "created", "revoked", "name"]).ToList();
        var widths = Enumerable.Range(0, 6).Select(column => rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in rows)
        {
            Console.WriteLine(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        }

        return 0;
    }

    private static async Task<int> RevokeAsync(ApiKeyIssuer issuer, string id)
    {
        if (!await issuer.RevokeAsync(id, CancellationToken.None))
        {
            return Fail($"No key has id '{id}'. See: personalizedline keys list");
        }

        Console.WriteLine($"Revoked key {id}. APIs stop accepting it within Auth__KeyCacheTtl.");
        return 0;
    }

    private static int Help(int exitCode, string? error = null)
    {
        if (error is not null)
        {
            Console.Error.WriteLine(error);
        }

        Console.WriteLine(Usage);
        return exitCode;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }
}
