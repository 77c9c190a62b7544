using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PersonalizedLine.Tests.Support;

/// <summary>
/// A real redis-server for one test collection: a child process (not daemonized) on a free loopback port, no
/// persistence (<c>--save "" --appendonly no</c>), working directory in a temp folder. Killed and deleted on
/// dispose; it also dies with the test process, because it runs under a small shell that kills it when this
/// process's end of its stdin closes.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(15);
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool installAttempted;

    private Process? process;

    public string Directory { get; private set; } = null!;

    public int Port { get; private set; }

    /// <summary>StackExchange.Redis configuration string, "127.0.0.1:port".</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public string LogFile => Path.Combine(Directory, "redis.log");

    public async Task InitializeAsync()
    {
        var executable = await FindOrInstallAsync();
        Directory = ServerProcess.CreateTempDirectory("plredis");
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                Port = TestPorts.Pick();
                process = Start(executable);
                try
                {
                    await WaitUntilPingAnswersAsync();
                    return;
                }
                catch (InvalidOperationException) when (attempt < 3 && process.HasExited)
                {
                    // Most likely the port was taken between picking and binding it.
                    process.Dispose();
                }
            }
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (process is not null)
        {
            if (!process.HasExited)
            {
                // Closing stdin makes the supervisor kill the server and exit; kill the tree if it does not.
                process.StandardInput.Close();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }

            process.Dispose();
            process = null;
        }

        ServerProcess.DeleteDirectory(Directory);
    }

    private Process Start(string executable)
    {
        string[] arguments =
        [
            "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--save", "", "--appendonly", "no", "--daemonize", "no",
            "--dir", Directory, "--logfile", LogFile,
        ];
        // redis-server runs in the background; a watcher reads the stdin this process holds and kills the server at
        // EOF (dispose, or this process dying). The shell exits with the server, so a failed start is seen at once.
        var script = "exec 3<&0; server=" + ServerProcess.ShellQuote(executable) + "; dir=" + ServerProcess.ShellQuote(Directory) + "; " +
                     "\"$server\" \"$@\" </dev/null & pid=$!; " +
                     "( read -r _ <&3; kill \"$pid\" 2>/dev/null; wait \"$pid\" 2>/dev/null; rm -rf \"$dir\" ) & watcher=$!; " +
                     "wait \"$pid\"; status=$?; kill \"$watcher\" 2>/dev/null; exit $status";
        return ServerProcess.StartWatched(script, arguments);
    }

    private async Task WaitUntilPingAnswersAsync()
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            string problem;
            try
            {
                if (await PingAsync())
                {
                    return;
                }

                problem = "no +PONG";
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                problem = e.Message;
            }

            if (process!.HasExited || started.Elapsed > ReadyDeadline)
            {
                var state = process.HasExited ? $"exited with code {process.ExitCode}" : "still running";
                throw new InvalidOperationException(
                    $"redis-server on {ConnectionString} did not answer PING within {started.Elapsed.TotalSeconds:0.0} s " +
                    $"({problem}; process {state}). Log {LogFile}:{Environment.NewLine}{ServerProcess.Tail(LogFile)}");
            }

            await Task.Delay(50);
        }
    }

    private async Task<bool> PingAsync()
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray(), timeout.Token);
        var buffer = new byte[16];
        var read = await stream.ReadAsync(buffer, timeout.Token);
        return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
    }

    /// <summary>
    /// The redis-server executable. When it is missing and this process runs as root on a machine with apt-get (the
    /// CI and dev containers), it installs the Debian package redis-server once (apt-get install, then apt-get update
    /// and install again if the package lists were stale). Otherwise it throws, saying what to install.
    /// </summary>
    private static async Task<string> FindOrInstallAsync()
    {
        const string Advice = "Install the Debian package redis-server (apt-get update && apt-get install -y redis-server).";
        if (ServerProcess.Find("redis-server", "/usr/bin", "/usr/local/bin") is { } found)
        {
            return found;
        }

        var aptGet = ServerProcess.Find("apt-get");
        if (!ServerProcess.IsRoot || aptGet is null)
        {
            throw new InvalidOperationException($"redis-server not found on PATH. {Advice}");
        }

        await InstallLock.WaitAsync();
        try
        {
            if (!installAttempted)
            {
                installAttempted = true;
                var environment = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
                var timeout = TimeSpan.FromMinutes(5);
                var install = await ServerProcess.RunAsync(aptGet, ["install", "-y", "redis-server"], timeout, environment);
                if (!install.Succeeded)
                {
                    await ServerProcess.RunAsync(aptGet, ["update"], timeout, environment);
                    install = await ServerProcess.RunAsync(aptGet, ["install", "-y", "redis-server"], timeout, environment);
                }

                if (!install.Succeeded)
                {
                    throw new InvalidOperationException($"redis-server not found and 'apt-get install -y redis-server' failed. {Advice}" +
                                                        Environment.NewLine + install.Output);
                }
            }
        }
        finally
        {
            InstallLock.Release();
        }

        return ServerProcess.Find("redis-server", "/usr/bin", "/usr/local/bin")
               ?? throw new InvalidOperationException($"redis-server still not found after installing it. {Advice}");
    }
}
