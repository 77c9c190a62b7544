using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace PersonalizedLine.Tests.Support;

/// <summary>Runs the command-line tools the real-server fixtures need (initdb, pg_ctl, psql, apt-get, ...).</summary>
public static class ServerProcess
{
    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    public static bool IsRoot { get; } = OperatingSystem.IsLinux() && GetEffectiveUserId() == 0;

    public sealed record Result(int ExitCode, string Output)
    {
        public bool Succeeded => ExitCode == 0;
    }

    /// <summary>Runs a program to completion and answers its exit code and combined stdout/stderr.</summary>
    public static async Task<Result> RunAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Describe(fileName, start.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s.");
        }

        await Task.WhenAll(stdout, stderr);
        return new Result(process.ExitCode, output.ToString());
    }

    /// <summary>Like <see cref="RunAsync"/> but throws, with the tool's output, when it fails.</summary>
    public static async Task<string> RunCheckedAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var list = arguments.ToList();
        var result = await RunAsync(fileName, list, timeout, environment);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"{Describe(fileName, list)} failed with exit code {result.ExitCode}:{Environment.NewLine}{result.Output}");
        }

        return result.Output;
    }

    /// <summary>The full path of an executable on PATH or in one of the extra directories, or null.</summary>
    public static string? Find(string name, params string[] extraDirectories)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in extraDirectories.Concat(path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Quotes one word for /bin/sh.</summary>
    public static string ShellQuote(string word) => "'" + word.Replace("'", "'\\''") + "'";

    public static string ShellCommand(string fileName, IEnumerable<string> arguments) =>
        string.Join(' ', new[] { fileName }.Concat(arguments).Select(ShellQuote));

    /// <summary>The last lines of a log file, for error messages.</summary>
    public static string Tail(string file, int lines = 30)
    {
        try
        {
            return File.Exists(file) ? string.Join(Environment.NewLine, File.ReadLines(file).TakeLast(lines)) : $"({file} does not exist)";
        }
        catch (IOException e)
        {
            return $"({file} unreadable: {e.Message})";
        }
    }

    /// <summary>A fresh directory under /tmp with a short path (PostgreSQL's socket path must stay under 107 bytes).</summary>
    public static string CreateTempDirectory(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static void DeleteDirectory(string? dir)
    {
        if (dir is null || !Directory.Exists(dir))
        {
            return;
        }

        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A server that is still shutting down may recreate a file; one retry is enough in practice.
            Thread.Sleep(200);
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Starts <c>/bin/sh -c script</c> with its stdin held open by this process. The script is written so that it
    /// runs its clean-up when stdin reaches end-of-file, which the OS does when this process exits for any reason
    /// (including a crash or a kill), so no server outlives the test run.
    /// </summary>
    public static Process StartWatched(string script, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add("sh");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start /bin/sh.");
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (into)
            {
                into.AppendLine(line);
            }
        }
    }

    private static string Describe(string fileName, IEnumerable<string> arguments) =>
        $"'{Path.GetFileName(fileName)} {string.Join(' ', arguments)}'";
}
