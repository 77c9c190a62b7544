using System.Diagnostics;
using System.Globalization;

namespace PersonalizedLine.Benchmark;

/// <summary>
/// The repository's <c>scripts/cluster</c>, run with one environment (its <c>CLUSTER_DIR</c>, ports and the product's
/// settings, which every process it starts inherits). While it is held, Ctrl+C or the end of the benchmark's process
/// stops the cluster at once: the API and silos are killed, Redis and PostgreSQL stopped by <c>down</c>.
/// </summary>
public sealed class ClusterScript : IDisposable
{
    public const string RelativePath = "scripts/cluster";

    /// <summary><c>down</c> gives each process 60 s to stop, then kills it; this is only a last resort.</summary>
    private static readonly TimeSpan DownWithin = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A killed process is not the benchmark's child: it is gone once init reaps it, which the wait cannot see, so it
    /// waits a little and <c>down</c> checks again.
    /// </summary>
    private static readonly TimeSpan KilledWithin = TimeSpan.FromSeconds(5);

    private readonly string _path;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly ConsoleCancelEventHandler _onCancel;
    private readonly EventHandler _onExit;

    /// <summary>One <c>down</c> at a time, and none once the caller has disposed this (it then deletes the directory).</summary>
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _stoppedAtOnce;
    private bool _disposed;

    /// <param name="path">The script (see <see cref="Find"/>).</param>
    /// <param name="directory">The cluster's <c>CLUSTER_DIR</c>: its PID files, logs and data.</param>
    /// <param name="environment">Added to the benchmark's own environment for the script and all it starts.</param>
    public ClusterScript(string path, string directory, IReadOnlyDictionary<string, string> environment)
    {
        _path = path;
        ClusterDirectory = directory;
        _environment = new Dictionary<string, string>(environment) { ["CLUSTER_DIR"] = directory };
        _onCancel = (_, _) => StopAtOnce();
        _onExit = (_, _) => StopAtOnce();
        Console.CancelKeyPress += _onCancel;
        AppDomain.CurrentDomain.ProcessExit += _onExit;
    }

    public string ClusterDirectory { get; }

    public string PidDirectory => Path.Combine(ClusterDirectory, "pids");

    public string LogDirectory => Path.Combine(ClusterDirectory, "logs");

    /// <summary>What the script itself printed (its own steps and errors; each process logs to <see cref="LogDirectory"/>).</summary>
    public string OutputFile => Path.Combine(ClusterDirectory, "cluster.log");

    /// <summary>
    /// <c>scripts/cluster</c> in the repository above the benchmark's build output, or above the current directory.
    /// </summary>
    public static string Find()
    {
        var starts = new[] { AppContext.BaseDirectory, Environment.CurrentDirectory };
        foreach (var start in starts)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var script = Path.Combine(directory.FullName, RelativePath);
                if (File.Exists(script))
                {
                    return script;
                }
            }
        }

        throw new InvalidOperationException(
            $"--host cluster starts the cluster with the repository's {RelativePath}, which is in no directory above the benchmark's build output "
            + $"({AppContext.BaseDirectory}) or the current directory ({Environment.CurrentDirectory}). Run the benchmark from the repository.");
    }

    /// <summary><c>scripts/cluster up N</c>: returns once every silo and the API answer <c>/health/ready</c>.</summary>
    /// <param name="cancellationToken">Kills the script and whatever it is starting; the caller then runs <see cref="DownAsync"/>.</param>
    public async Task UpAsync(int silos, CancellationToken cancellationToken)
    {
        using var script = Start("up", silos.ToString(CultureInfo.InvariantCulture));
        try
        {
            await script.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            script.Kill(entireProcessTree: true);
            throw;
        }

        if (script.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{RelativePath} up {silos} failed (exit code {script.ExitCode}). Last lines of its output ({OutputFile}):\n{LogTail.Read(OutputFile, 20)}");
        }
    }

    /// <summary><c>scripts/cluster down</c>: the silos hand their grains over and stop, then the API, Redis and PostgreSQL.</summary>
    public async Task DownAsync()
    {
        await _gate.WaitAsync();
        try
        {
            using var script = Start("down");
            using var deadline = new CancellationTokenSource(DownWithin);
            try
            {
                await script.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                script.Kill(entireProcessTree: true);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Returns once a stop that Ctrl+C began has ended, so the caller may delete the directory.</summary>
    public void Dispose()
    {
        Console.CancelKeyPress -= _onCancel;
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
        _gate.Wait();
        _disposed = true;
        _gate.Release();
    }

    /// <summary>
    /// The benchmark is stopping without waiting: the API and silos are killed (their work is void), then <c>down</c>
    /// stops Redis and PostgreSQL cleanly, which takes a second.
    /// </summary>
    private void StopAtOnce()
    {
        if (Interlocked.Exchange(ref _stoppedAtOnce, 1) == 1)
        {
            return;
        }

        // Not behind the gate: a graceful down that is under way must not delay the kill.
        KillProductProcesses();
        _gate.Wait();
        try
        {
            if (!_disposed && Directory.Exists(PidDirectory))
            {
                using var down = Start("down");
                if (!down.WaitForExit(DownWithin))
                {
                    down.Kill(entireProcessTree: true);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void KillProductProcesses()
    {
        IReadOnlyList<ClusterProcess> processes;
        try
        {
            processes = ClusterProcess.FromPidFiles(PidDirectory);
        }
        catch (Exception ex) when (ex is IOException or FormatException)
        {
            // Nothing started yet, or a PID file being written: down stops what it names.
            return;
        }

        foreach (var process in processes.Where(process => process.IsProduct))
        {
            try
            {
                using var running = Process.GetProcessById(process.Id);
                running.Kill();
                running.WaitForExit(KilledWithin);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    /// <summary>
    /// The script in a session of its own, so a Ctrl+C at the terminal reaches only the benchmark, which then stops the
    /// cluster itself. Its output goes to a file rather than a pipe, which the processes it leaves running would hold.
    /// </summary>
    private Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardInput = true,
            WorkingDirectory = Path.GetDirectoryName(Path.GetDirectoryName(_path))!,
        };
        string[] commandLine = ["--wait", "bash", "-c", "log=$1; shift; exec bash \"$@\" >>\"$log\" 2>&1", "cluster", OutputFile, _path, .. arguments];
        foreach (var argument in commandLine)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{RelativePath} did not start.");
        // Nothing reads the terminal: the processes it starts get an empty input instead of the benchmark's.
        process.StandardInput.Close();
        return process;
    }
}
