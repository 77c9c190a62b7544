using Npgsql;

namespace PersonalizedLine.Silo.Auth;

/// <summary>
/// Keys in PostgreSQL (the cluster profile), in a table of our own, <c>personalizedline_api_keys</c>, created on first
/// use if missing, so every API replica and the command line share them. Only the SHA-256 of a key is stored.
/// </summary>
public sealed class PostgresApiKeyStore(string connectionString) : IApiKeyStore, IAsyncDisposable
{
    public const string Table = "personalizedline_api_keys";

    private const string Schema = $"""
        CREATE TABLE IF NOT EXISTS {Table} (
            id          varchar(32)  PRIMARY KEY,
            tenant      varchar(40)  NOT NULL,
            is_admin    boolean      NOT NULL,
            name        varchar(200) NULL,
            created_at  timestamptz  NOT NULL,
            revoked_at  timestamptz  NULL,
            sha256      bytea        NOT NULL CHECK (octet_length(sha256) = 32)
        );
        """;

    private const string Columns = "id, tenant, is_admin, name, created_at, revoked_at, sha256";

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);
    private readonly SemaphoreSlim _schemaOnce = new(1, 1);
    private volatile bool _schemaReady;

    public async Task AddAsync(ApiKey key, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            $"INSERT INTO {Table} ({Columns}) VALUES (@id, @tenant, @admin, @name, @created, @revoked, @hash)", cancellationToken);
        command.Parameters.AddWithValue("id", key.Id);
        command.Parameters.AddWithValue("tenant", key.Tenant);
        command.Parameters.AddWithValue("admin", key.IsAdmin);
        command.Parameters.AddWithValue("name", (object?)key.Name ?? DBNull.Value);
        command.Parameters.AddWithValue("created", key.CreatedAt.ToUniversalTime());
        command.Parameters.AddWithValue("revoked", key.RevokedAt is { } revoked ? revoked.ToUniversalTime() : DBNull.Value);
        command.Parameters.AddWithValue("hash", key.Hash);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync($"SELECT {Columns} FROM {Table} ORDER BY created_at, id", cancellationToken);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<ApiKey?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync($"SELECT {Columns} FROM {Table} WHERE id = @id", cancellationToken);
        command.Parameters.AddWithValue("id", id);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(
            $"UPDATE {Table} SET revoked_at = COALESCE(revoked_at, @at) WHERE id = @id", cancellationToken);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("at", at.ToUniversalTime());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<IReadOnlyList<ApiKey>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var keys = new List<ApiKey>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new ApiKey(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetBoolean(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.GetFieldValue<byte[]>(6)));
        }

        return keys;
    }

    /// <summary>A command that takes a pooled connection when it runs; the table is created once per process first.</summary>
    private async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        return _dataSource.CreateCommand(sql);
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaOnce.WaitAsync(cancellationToken);
        try
        {
            if (!_schemaReady)
            {
                await using var create = _dataSource.CreateCommand(Schema);
                await create.ExecuteNonQueryAsync(cancellationToken);
                _schemaReady = true;
            }
        }
        finally
        {
            _schemaOnce.Release();
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
