using Microsoft.Data.Sqlite;

namespace PersonalizedLine.Silo.Storage;

/// <summary>
/// One open connection of <see cref="SqliteStateDatabase"/> with its prepared statements. A grain state read or write
/// runs the same few statements thousands of times a second; compiling each one again for every call cost more than
/// running it, so each connection keeps its commands and only rebinds their parameters.
/// </summary>
public sealed class SqliteSession : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);

    public SqliteSession(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    /// <summary>
    /// The command for <paramref name="sql"/> on this connection, prepared once, with no parameters bound. It belongs to
    /// the session: use it before the session's next call and do not dispose it (dispose its readers).
    /// </summary>
    public SqliteCommand Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _statements[sql] = command;
        }

        command.Parameters.Clear();
        return command;
    }

    /// <summary>Runs a statement that returns nothing, such as a pragma or a transaction boundary.</summary>
    public void Execute(string sql) => Statement(sql).ExecuteNonQuery();

    public void Dispose()
    {
        foreach (var command in _statements.Values)
        {
            command.Dispose();
        }

        _statements.Clear();
        Connection.Dispose();
    }
}
