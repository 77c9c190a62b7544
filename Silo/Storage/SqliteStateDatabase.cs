using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace PersonalizedLine.Silo.Storage;

/// <summary>
/// The embedded profile's one SQLite file (<see cref="FileName"/> in the data directory) holding grain state and
/// reminders. SQLite takes one writer at a time, so writes go through one connection behind an async gate (no
/// SQLITE_BUSY retries); reads use a small pool of their own connections and, in WAL mode, never wait for the writer.
/// With <c>synchronous=NORMAL</c> a commit does not wait for the disk: a power cut may lose the last moments, never
/// corrupt the file, and a killed process loses nothing that was committed.
/// </summary>
/// <remarks>
/// The directory is locked for the life of the process: two processes resuming the same jobs would run every row twice,
/// so a second one fails at start with a message instead.
/// </remarks>
public sealed class SqliteStateDatabase : IDisposable
{
    public const string FileName = "state.db";

    public const string LockFileName = "state.lock";
    private const int MaxIdleReaders = 8;

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_state (
            storage TEXT NOT NULL,
            state TEXT NOT NULL,
            grain TEXT NOT NULL,
            etag INTEGER NOT NULL,
            payload BLOB NOT NULL,
            format INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (storage, state, grain));
        CREATE TABLE IF NOT EXISTS reminders (
            grain TEXT NOT NULL,
            name TEXT NOT NULL,
            grain_hash INTEGER NOT NULL,
            start_at INTEGER NOT NULL,
            period INTEGER NOT NULL,
            etag INTEGER NOT NULL,
            PRIMARY KEY (grain, name));
        CREATE INDEX IF NOT EXISTS reminders_by_hash ON reminders (grain_hash);
        """;

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentBag<SqliteConnection> _idleReaders = [];
    private readonly FileStream _lock;
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private bool _disposed;

    public SqliteStateDatabase(string directory)
    {
        Directory.CreateDirectory(directory);
        DataDirectory = directory;
        _lock = LockDirectory(directory);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(directory, FileName),
            Mode = SqliteOpenMode.ReadWriteCreate,
            // This class keeps its own connections; the provider's pool would only add a second layer.
            Pooling = false,
        }.ToString();

        _writer = Open();
        // Before any table exists, so that pages freed by deleted jobs can be handed back to the file system below.
        Execute(_writer, "PRAGMA auto_vacuum = INCREMENTAL;");
        Execute(_writer, "PRAGMA journal_mode = WAL;");
        Execute(_writer, Schema);
        AddFormatColumn(_writer);
        Execute(_writer, "PRAGMA incremental_vacuum;");
    }

    /// <summary>The data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>Runs <paramref name="write"/> on the writer connection, alone: a statement or a transaction that no other write interleaves with.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, T> write)
    {
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return write(_writer);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Runs <paramref name="read"/> on a reader connection; any number run at once, and none waits for a write.</summary>
    public T Read<T>(Func<SqliteConnection, T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = _idleReaders.TryTake(out var idle) ? idle : Open();
        try
        {
            return read(connection);
        }
        finally
        {
            if (_disposed || _idleReaders.Count >= MaxIdleReaders)
            {
                connection.Dispose();
            }
            else
            {
                _idleReaders.Add(connection);
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _writeGate.Wait();
        try
        {
            _disposed = true;
            _writer.Dispose();
            while (_idleReaders.TryTake(out var reader))
            {
                reader.Dispose();
            }

            _lock.Dispose();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;");
        return connection;
    }

    /// <summary>
    /// Files written before payloads carried their format have no <c>format</c> column: it is added, and their rows read
    /// as format 0 (<see cref="SqliteGrainStorage.EarlierFormat"/>).
    /// </summary>
    private static void AddFormatColumn(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('grain_state') WHERE name = 'format';";
        if ((long)command.ExecuteScalar()! == 0)
        {
            Execute(connection, "ALTER TABLE grain_state ADD COLUMN format INTEGER NOT NULL DEFAULT 0;");
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static FileStream LockDirectory(string directory)
    {
        var path = Path.Combine(directory, LockFileName);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException(
                $"The data directory '{directory}' (Storage__Path) is in use by another process. Give each process its own Storage__Path.", ex);
        }
    }
}
