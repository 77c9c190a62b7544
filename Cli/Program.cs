using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PersonalizedLine.Cli.Keys;
using PersonalizedLine.Cli.Remote;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Silo.Hosting;
using Serilog.Events;
using Spectre.Console;

namespace PersonalizedLine.Cli;

/// <summary>The main job: one CSV through the whole pipeline in one process, with no external service needed.</summary>
public static class CliProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is [KeysCommand.Verb, .. var keyArgs])
        {
            return await KeysCommand.RunAsync(keyArgs);
        }

        if (RemoteCommandLine.Applies(args))
        {
            return await RemoteProgram.RunAsync(args);
        }

        var (options, error) = CommandLineOptions.Parse(args);
        if (options is null)
        {
            if (error is not null)
            {
                AnsiConsole.MarkupLineInterpolated($"[red]{error}[/]");
            }

            Console.WriteLine(CommandLineOptions.Usage);
            return error is null ? 0 : 1;
        }

        // An embedded silo: the same grains and pipeline as a cluster, its state on disk for this run only.
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Cluster:Mode"] = nameof(ClusterMode.Embedded);
        using var runStorage = CliRunStorage.Prepare(builder.Configuration);
        builder.AddPersonalizedLineLogging(consoleLevel: LogEventLevel.Warning);
        builder.AddPersonalizedLineSilo(withDashboard: false);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var runner = new LeadFileRunner(
                host.Services,
                host.Services.GetRequiredService<IResearchProvider>().IsOffline,
                host.Services.GetRequiredService<ILineWriter>().IsOffline);
            return await runner.RunAsync(options);
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
