using System.Diagnostics;
using Npgsql;

namespace PersonalizedLine.Tests.Support;

/// <summary>
/// A real PostgreSQL server for one test collection: a fresh cluster (initdb) in a temp directory, listening on a
/// free loopback port, with the database <see cref="DatabaseName"/> holding the project's Orleans schema
/// (<c>sql/postgresql-orleans.sql</c>). Durability is switched off (fsync, synchronous_commit) for speed.
/// Stopped (immediate) and deleted on dispose; a watchdog stops it too if the test process dies first.
/// </summary>
/// <remarks>
/// initdb and the server refuse to run as root, so as root every server command runs as the <c>postgres</c> OS user
/// (<c>su postgres</c>) and the temp directory is handed to that user. Needs the Debian package postgresql
/// (e.g. postgresql-15: /usr/lib/postgresql/15/bin).
/// </remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string DatabaseName = "orleans_tests";
    public const string Superuser = "postgres";
    private const string OsUser = "postgres";
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(30);

    private string binDirectory = null!;
    private Process? watchdog;

    /// <summary>The temp directory: data/ (the cluster), pg.log, and the Unix socket.</summary>
    public string Directory { get; private set; } = null!;

    public int Port { get; private set; }

    public bool IsRunning { get; private set; }

    /// <summary>Npgsql connection string to <see cref="DatabaseName"/> (pool capped at 20 connections).</summary>
    public string ConnectionString => ConnectionStringFor(DatabaseName);

    public string DataDirectory => Path.Combine(Directory, "data");

    public string LogFile => Path.Combine(Directory, "pg.log");

    /// <summary>The directory holding initdb, pg_ctl and psql.</summary>
    public string BinDirectory => binDirectory;

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
        MaxPoolSize = 20,
        Timeout = 5,
    }.ConnectionString;

    /// <summary>A libpq URL (for psql and scripts/db-schema).</summary>
    public string UrlFor(string database) => $"postgres://{Superuser}@127.0.0.1:{Port}/{database}";

    public async Task InitializeAsync()
    {
        binDirectory = FindBinDirectory();
        Directory = ServerProcess.CreateTempDirectory("plpg");
        try
        {
            await HandToServerUserAsync(Directory);
            StartWatchdog();
            await RunServerToolAsync("initdb",
                "-D", DataDirectory, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");

            // A free port can be taken between picking and binding it: try a few.
            for (var attempt = 1; ; attempt++)
            {
                Port = TestPorts.Pick();
                try
                {
                    await StartAsync();
                    break;
                }
                catch (InvalidOperationException) when (attempt < 3 && ServerProcess.Tail(LogFile).Contains("could not bind"))
                {
                }
            }

            await CreateDatabaseAsync(DatabaseName);
            await ApplySchemaAsync(DatabaseName);
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server (again) on <see cref="Port"/> and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        var options = $"-p {Port} -k {Directory} -c listen_addresses=127.0.0.1 -c max_connections=200 " +
                      "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        // -W: do not let pg_ctl wait; readiness is polled below with a deadline.
        await RunServerToolAsync("pg_ctl", "-D", DataDirectory, "-l", LogFile, "-o", options, "-W", "start");
        IsRunning = true;
        await WaitUntilAcceptingConnectionsAsync();
    }

    /// <summary>Stops the server (fast shutdown: clients are disconnected) and drops this process's pooled connections.</summary>
    public async Task StopAsync()
    {
        await RunServerToolAsync("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");
        IsRunning = false;
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Creates an empty database.</summary>
    public async Task CreateDatabaseAsync(string database)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"")}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Applies <c>sql/postgresql-orleans.sql</c> to a database with psql (stops at the first error).</summary>
    public Task<string> ApplySchemaAsync(string database) =>
        ServerProcess.RunCheckedAsync(Path.Combine(binDirectory, "psql"),
            ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", UrlFor(database), "-f", RepositoryFiles.PathOf("sql/postgresql-orleans.sql")],
            ToolTimeout);

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (IsRunning)
        {
            IsRunning = false;
            var stop = ServerCommand("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
            await ServerProcess.RunAsync(stop.FileName, stop.Arguments, ToolTimeout);
        }

        ServerProcess.DeleteDirectory(Directory);

        // Release the watchdog: it finds nothing left to stop or delete.
        watchdog?.StandardInput.Close();
        watchdog?.Dispose();
    }

    private async Task WaitUntilAcceptingConnectionsAsync()
    {
        var started = Stopwatch.StartNew();
        var probe = new NpgsqlConnectionStringBuilder(ConnectionStringFor("postgres")) { Pooling = false, Timeout = 2 }.ConnectionString;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync();
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                // The postmaster writes postmaster.pid at once and removes it when it gives up (e.g. port taken).
                var gaveUp = started.Elapsed > TimeSpan.FromSeconds(1) && !File.Exists(Path.Combine(DataDirectory, "postmaster.pid"));
                if (gaveUp || started.Elapsed > ReadyDeadline)
                {
                    IsRunning = !gaveUp;
                    throw new InvalidOperationException(
                        $"PostgreSQL on 127.0.0.1:{Port} did not accept connections within {started.Elapsed.TotalSeconds:0} s " +
                        $"({e.Message}). Log {LogFile}:{Environment.NewLine}{ServerProcess.Tail(LogFile)}");
                }

                await Task.Delay(100);
            }
        }
    }

    /// <summary>
    /// If this process dies without disposing the fixture, the OS closes its end of the watchdog's stdin and the
    /// watchdog stops the server and deletes the directory. The watchdog detaches from this process's tree so that a
    /// test runner killing the crashed test host's children does not interrupt that clean-up.
    /// </summary>
    private void StartWatchdog()
    {
        var stop = ServerCommand("pg_ctl", "-D", DataDirectory, "-m", "immediate", "stop");
        var script = "exec 3<&0; ( read -r _ <&3; " + ServerProcess.ShellCommand(stop.FileName, stop.Arguments) +
                     "; rm -rf " + ServerProcess.ShellQuote(Directory) + " ) >/dev/null 2>&1 &";
        watchdog = ServerProcess.StartWatched(script, []);
    }

    private Task<string> RunServerToolAsync(string tool, params string[] arguments)
    {
        var command = ServerCommand(tool, arguments);
        return ServerProcess.RunCheckedAsync(command.FileName, command.Arguments, ToolTimeout);
    }

    /// <summary>The tool as this user, or through <c>su postgres</c> when running as root.</summary>
    private (string FileName, string[] Arguments) ServerCommand(string tool, params string[] arguments)
    {
        var path = Path.Combine(binDirectory, tool);
        return ServerProcess.IsRoot
            ? ("su", [OsUser, "-s", "/bin/sh", "-c", ServerProcess.ShellCommand(path, arguments)])
            : (path, arguments);
    }

    private static async Task HandToServerUserAsync(string directory)
    {
        if (!ServerProcess.IsRoot)
        {
            return;
        }

        var id = await ServerProcess.RunAsync("id", ["-u", OsUser], ToolTimeout);
        if (!id.Succeeded)
        {
            throw new InvalidOperationException(
                $"Running as root, PostgreSQL must run as the '{OsUser}' OS user, which does not exist. " +
                "Install the Debian package postgresql (it creates the user) or run the tests as a non-root user.");
        }

        await ServerProcess.RunCheckedAsync("chown", [$"{OsUser}:", directory], ToolTimeout);
    }

    private static string FindBinDirectory()
    {
        // Debian keeps the server tools out of PATH, under /usr/lib/postgresql/<major>/bin: take the newest.
        var debian = System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                .Select(dir => Path.Combine(dir, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .ToArray()
            : [];
        var initdb = ServerProcess.Find("initdb", debian);
        if (initdb is null)
        {
            throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl, psql) not found on PATH or in /usr/lib/postgresql/*/bin. " +
                "Install the Debian package postgresql (apt-get install -y postgresql, e.g. postgresql-15).");
        }

        // Resolve symlinks (e.g. /usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb) to find pg_ctl and psql beside it.
        var bin = Path.GetDirectoryName(new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb)!;
        foreach (var tool in new[] { "pg_ctl", "psql" })
        {
            if (!File.Exists(Path.Combine(bin, tool)))
            {
                throw new InvalidOperationException(
                    $"{tool} not found beside {initdb} in {bin}. Install the Debian package postgresql (and postgresql-client).");
            }
        }

        return bin;
    }
}
