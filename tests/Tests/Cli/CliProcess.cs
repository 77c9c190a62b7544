using System.Diagnostics;
using System.Text;

namespace PersonalizedLine.Tests.Cli;

/// <summary>
/// The built CLI as a real process, as a user runs it: its output is collected as it comes, so a test can wait for a
/// line, interrupt it with SIGINT (Ctrl+C) and read its exit code.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private CliProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static CliProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "personalizedline.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var key in new[] { "SERPER_API_KEY", "GROQ_API_KEY", "Research__ApiKey", "Llm__ApiKey", "PERSONALIZEDLINE_API_KEY" })
        {
            start.Environment.Remove(key);
        }

        // A wide console, so messages and table rows are not wrapped.
        start.Environment["COLUMNS"] = "250";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        return new CliProcess(Process.Start(start)!);
    }

    /// <summary>Runs the CLI to its end: the exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var cli = Start(args, environment);
        return (await cli.WaitForExitAsync(TimeSpan.FromMinutes(2)), cli.Output);
    }

    public Task<string> WaitForOutputAsync(string text, TimeSpan deadline) =>
        Support.Eventually.ReturnsAsync(() => Task.FromResult(Output), output => output.Contains(text, StringComparison.Ordinal) || _process.HasExited,
            deadline, $"the CLI to print '{text}'");

    /// <summary>SIGINT, as Ctrl+C in a terminal sends it.</summary>
    public async Task InterruptAsync()
    {
        // A process started in the background of a shell without job control (`cmd &` in a script) ignores SIGINT,
        // and every process it starts inherits that: the CLI would never see this Ctrl+C.
        if (IgnoresInterrupts(_process.Id))
        {
            throw new InvalidOperationException(
                "The CLI ignores SIGINT, inherited from the test run: it was started in the background without job control. "
                + "Run the tests in the foreground, or with job control on (`set -m`) before starting them in the background.");
        }

        using var signal = Process.Start("kill", ["-INT", _process.Id.ToString()])!;
        await signal.WaitForExitAsync();
    }

    /// <summary>Whether the process's ignored signals (SigIgn in /proc/PID/status, a bit mask from signal 1) include SIGINT.</summary>
    private static bool IgnoresInterrupts(int processId)
    {
        const int SigInt = 2;
        var line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(text => text.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null
            && (ulong.Parse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) & (1UL << (SigInt - 1))) != 0;
    }

    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The CLI did not exit within {deadline.TotalSeconds:0} s. It printed:\n{Output}");
        }

        // The exit is seen before the last output events; the parameterless wait drains them.
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
