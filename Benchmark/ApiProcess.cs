using System.Diagnostics;

namespace PersonalizedLine.Benchmark;

/// <summary>
/// <c>dotnet PersonalizedLine.Client.Api.dll</c> from the benchmark's output directory, as an operator starts the
/// built API: configured by environment variables, listening on a loopback port, its console output in a log file.
/// It is killed on <see cref="Dispose"/>, and on Ctrl+C or SIGTERM of the benchmark, so no process outlives a run.
/// </summary>
public sealed class ApiProcess : IDisposable
{
    public const string Assembly = "PersonalizedLine.Client.Api.dll";

    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(200);
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly ConsoleCancelEventHandler _onCancel;
    private readonly EventHandler _onExit;
    private bool _logClosed;

    private ApiProcess(Process process, StreamWriter log, string logFile, Uri address)
    {
        _process = process;
        _log = log;
        LogFile = logFile;
        Address = address;
        _onCancel = (_, _) => Kill();
        _onExit = (_, _) => Kill();
        Console.CancelKeyPress += _onCancel;
        AppDomain.CurrentDomain.ProcessExit += _onExit;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    public string LogFile { get; }

    /// <summary>Starts the process; it answers on <paramref name="port"/> once <see cref="WaitUntilReadyAsync"/> returns.</summary>
    /// <param name="directory">Where the API's assembly is: the benchmark's output directory, or a published build.</param>
    public static ApiProcess Start(IReadOnlyDictionary<string, string> environment, int port, string logFile, string? directory = null)
    {
        directory ??= AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(directory, Assembly)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The content root (web page, appsettings) is the assembly's directory, as when run from its build output.
            WorkingDirectory = directory,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"dotnet {Assembly} did not start.");
        var api = new ApiProcess(process, log, logFile, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, line) => api.Write(line.Data);
        process.ErrorDataReceived += (_, line) => api.Write(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return api;
    }

    /// <summary>Polls <c>/health/ready</c> (the silo is up and the API can reach it) until it answers 200.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw Failure("The API process stopped before it was ready");
            }

            try
            {
                using var response = await Probe.GetAsync(new Uri(Address, "/health/ready"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            await Task.Delay(ProbeInterval, cancellationToken);
        }

        throw Failure($"The API process was not ready within {within.TotalSeconds:N0} s");
    }

    public TimeSpan Cpu() => ProcessCpu.Of(_process);

    public ProcessMemory Memory() => ProcessMemory.Of(_process.Id);

    /// <summary>An error naming the log, with its last lines: what the process said before things went wrong.</summary>
    public InvalidOperationException Failure(string message, Exception? cause = null)
    {
        var exited = _process.HasExited ? $" (the API process exited with code {_process.ExitCode})" : string.Empty;
        return new InvalidOperationException($"{message}{exited}. Last lines of {LogFile}:\n{Tail(30)}", cause);
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= _onCancel;
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
        Kill();
        _process.Dispose();
        lock (_log)
        {
            _logClosed = true;
            _log.Dispose();
        }
    }

    /// <summary>kill -9 of the process (and anything it started), then waits for it: the benchmark is done with it.</summary>
    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
    }

    private string Tail(int lines)
    {
        lock (_log)
        {
            if (!_logClosed)
            {
                _log.Flush();
            }
        }

        return LogTail.Read(LogFile, lines);
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            // Lines may still arrive while the process is killed and the log closed.
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }
    }
}
