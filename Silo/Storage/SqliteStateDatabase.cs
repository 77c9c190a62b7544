using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace PersonalizedLine.Silo.Storage;

/// <summary>
/// The embedded profile's one SQLite file (<see cref="FileName"/> in the data directory) holding grain state and
/// reminders. SQLite takes one writer at a time, so writes queue for one writer connection (no SQLITE_BUSY retries);
/// reads use a small pool of their own connections and, in WAL mode, never wait for the writer.
/// With <c>synchronous=NORMAL</c> a commit does not wait for the disk: a power cut may lose the last moments, never
/// corrupt the file, and a killed process loses nothing that was committed.
/// </summary>
/// <remarks>
/// Group commit: the writer takes every write queued while it was busy (up to <see cref="MaxWritesPerCommit"/>) and
/// commits them in one transaction. At thousands of rows a second most writes share a commit, and a commit (appending
/// to the WAL, updating its index) cost more than the statements themselves. A write is answered only after its commit.
/// If any write of a batch fails, the batch is rolled back and each of its writes runs again alone, so a failure is
/// answered to its own caller only.
/// </remarks>
/// <remarks>
/// The directory is locked for the life of the process: two processes resuming the same jobs would run every row twice,
/// so a second one fails at start with a message instead.
/// </remarks>
public sealed class SqliteStateDatabase : IDisposable
{
    public const string FileName = "state.db";

    public const string LockFileName = "state.lock";

    /// <summary>The most writes one transaction takes: bounds how long the first of them waits for its answer.</summary>
    public const int MaxWritesPerCommit = 256;

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

    private readonly Channel<QueuedWrite> _writes = Channel.CreateUnbounded<QueuedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentBag<SqliteSession> _idleReaders = [];
    private readonly FileStream _lock;
    private readonly string _connectionString;
    private readonly SqliteSession _writer;
    private readonly Task _writing;
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
        _writer.Execute("PRAGMA auto_vacuum = INCREMENTAL;");
        _writer.Execute("PRAGMA journal_mode = WAL;");
        _writer.Execute(Schema);
        AddFormatColumn(_writer);
        _writer.Execute("PRAGMA incremental_vacuum;");

        // The writer's loop is plain storage code on the thread pool; SQLite's calls are synchronous.
        _writing = Task.Run(WriteLoopAsync);
    }

    /// <summary>The data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>
    /// Queues <paramref name="write"/> for the writer connection, which runs it alone (no other write interleaves with it)
    /// inside a transaction it may share with other writes; the task completes once that transaction is committed.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteSession, T> write)
    {
        var queued = new QueuedWrite<T>(write);
        if (!_writes.Writer.TryWrite(queued))
        {
            throw new ObjectDisposedException(nameof(SqliteStateDatabase));
        }

        return queued.Task;
    }

    /// <summary>Runs <paramref name="read"/> on a reader connection; any number run at once, and none waits for a write.</summary>
    public T Read<T>(Func<SqliteSession, T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var session = _idleReaders.TryTake(out var idle) ? idle : Open();
        try
        {
            return read(session);
        }
        finally
        {
            if (_disposed || _idleReaders.Count >= MaxIdleReaders)
            {
                session.Dispose();
            }
            else
            {
                _idleReaders.Add(session);
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;

        // Writes already queued still run; new ones are refused.
        _writes.Writer.TryComplete();
        _writing.GetAwaiter().GetResult();
        _writer.Dispose();
        while (_idleReaders.TryTake(out var reader))
        {
            reader.Dispose();
        }

        _lock.Dispose();
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<QueuedWrite>(MaxWritesPerCommit);
        while (await _writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxWritesPerCommit && _writes.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            if (batch.Count == 1)
            {
                RunAlone(batch[0]);
            }
            else
            {
                RunTogether(batch);
            }

            batch.Clear();
        }
    }

    private void RunTogether(List<QueuedWrite> batch)
    {
        try
        {
            _writer.Execute("BEGIN;");
            foreach (var write in batch)
            {
                write.Run(_writer);
            }

            _writer.Execute("COMMIT;");
        }
        catch (Exception)
        {
            // Which writes took effect is unknown: none did, once rolled back. Each runs again alone and answers for itself.
            RollBack();
            foreach (var write in batch)
            {
                RunAlone(write);
            }

            return;
        }

        foreach (var write in batch)
        {
            write.Complete();
        }
    }

    private void RunAlone(QueuedWrite write)
    {
        try
        {
            write.Run(_writer);
        }
        catch (Exception ex)
        {
            write.Fail(ex);
            return;
        }

        write.Complete();
    }

    private void RollBack()
    {
        try
        {
            _writer.Execute("ROLLBACK;");
        }
        catch (SqliteException)
        {
            // SQLite already rolled the transaction back itself (some errors do), or it never began.
        }
    }

    private SqliteSession Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        var session = new SqliteSession(connection);
        session.Execute("PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;");
        return session;
    }

    /// <summary>
    /// Files written before payloads carried their format have no <c>format</c> column: it is added, and their rows read
    /// as format 0 (<see cref="SqliteGrainStorage.EarlierFormat"/>).
    /// </summary>
    private static void AddFormatColumn(SqliteSession session)
    {
        if ((long)session.Statement("SELECT COUNT(*) FROM pragma_table_info('grain_state') WHERE name = 'format';").ExecuteScalar()! == 0)
        {
            session.Execute("ALTER TABLE grain_state ADD COLUMN format INTEGER NOT NULL DEFAULT 0;");
        }
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
