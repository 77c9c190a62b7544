using PersonalizedLine.Client.Sdk;
using Spectre.Console;

namespace PersonalizedLine.Cli.Remote;

/// <summary>The client mode: the same command line, run against a server through the typed client instead of an embedded silo.</summary>
public static class RemoteProgram
{
    private const int RedirectedWidth = 250;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var (command, error) = RemoteCommandLine.Parse(args, Environment.GetEnvironmentVariable);
        if (command is null)
        {
            if (error is not null)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{error}[/]");
            }

            Console.WriteLine(CommandLineOptions.Usage + Environment.NewLine + RemoteCommandLine.Usage);
            return error is null ? 0 : RemoteExitCodes.Usage;
        }

        if (Console.IsOutputRedirected)
        {
            // Piped or logged: no terminal to fit, and the commands printed (to follow a job) must stay on one line.
            AnsiConsole.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0 ? columns : RedirectedWidth;
        }

        using var interrupt = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The command decides what Ctrl+C means (detach or cancel), so the process is not killed.
            e.Cancel = true;
            interrupt.Cancel();
        };

        using var client = PersonalizedLineClient.Create(command.Server, command.ApiKey);
        try
        {
            return command.Submit is { } submit
                ? await new RemoteJobRunner(client.Jobs, command).RunAsync(submit, interrupt.Token)
                : await new JobsCommandRunner(client.Jobs).RunAsync(command.Jobs!, interrupt.Token);
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            AnsiConsole.MarkupLine("[yellow]Stopped.[/]");
            return RemoteExitCodes.Interrupted;
        }
        catch (Exception ex)
        {
            var exitCode = ServerProblems.Explain(ex, command.Server, command.ApiKey is not null);
            if (exitCode is null)
            {
                throw;
            }

            return exitCode.Value;
        }
    }
}
