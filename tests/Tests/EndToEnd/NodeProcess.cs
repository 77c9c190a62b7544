using System.Diagnostics;

namespace PersonalizedLine.Tests.EndToEnd;

/// <summary>
/// One real process of a cluster (a silo or the API) started from the built assembly, as an operator would run it.
/// Output goes to a log file, named in failure messages.
/// </summary>
public sealed class NodeProcess(string name, string assembly, IReadOnlyDictionary<string, string> environment, int httpPort, string logDirectory)
{
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private Process? _process;

    public string Name => name;

    public int HttpPort => httpPort;

    public string LogFile => Path.Combine(logDirectory, $"{name}.log");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The running process's id (for /proc/PID/status), or null before the first start.</summary>
    public int? ProcessId => _process?.Id;

    public async Task StartAsync(TimeSpan readyWithin)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, assembly)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        var log = new StreamWriter(LogFile, append: true) { AutoFlush = true };
        await log.WriteLineAsync($"--- start {DateTime.UtcNow:O}");
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Write(log, e.Data);
        _process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync(readyWithin);
    }

    /// <summary>kill -9: no shutdown code runs, whatever the process held in memory is lost.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM, as Kubernetes or systemd stop a process: the silo shuts down gracefully.</summary>
    public async Task StopAsync(TimeSpan within)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var signal = Process.Start("kill", ["-TERM", process.Id.ToString()])!)
        {
            await signal.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"{name} did not stop within {within.TotalSeconds:0} s of SIGTERM; see {LogFile}");
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan within)
    {
        var giveUpAt = DateTime.UtcNow + within;
        while (DateTime.UtcNow < giveUpAt)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with code {_process.ExitCode}; see {LogFile}:\n{Tail()}");
            }

            try
            {
                using var response = await Probe.GetAsync($"http://127.0.0.1:{httpPort}/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{name} was not ready within {within.TotalSeconds:0} s; see {LogFile}:\n{Tail()}");
    }

    public string Tail() => File.Exists(LogFile)
        ? string.Join('\n', File.ReadLines(LogFile).TakeLast(30))
        : "(no log)";

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }
}
