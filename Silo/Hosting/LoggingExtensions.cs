using Microsoft.Extensions.Hosting;
using Serilog;
using Microsoft.Extensions.Configuration;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace PersonalizedLine.Silo.Hosting;

public static class LoggingExtensions
{
    /// <summary>
    /// Serilog as the log provider. Orleans, Polly and HttpClient log every call at Information, which would bury
    /// the product's own lines, so they start at Warning; the <c>Serilog</c> configuration section can override.
    /// </summary>
    public static IHostApplicationBuilder AddPersonalizedLineLogging(this IHostApplicationBuilder builder, LogEventLevel consoleLevel = LogEventLevel.Information)
    {
        var json = WritesJson(builder.Configuration);
        builder.Services.AddSerilog((services, logger) => logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("Orleans", LogEventLevel.Warning)
            .MinimumLevel.Override("Polly", LogEventLevel.Warning)
            .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Logger(console => WriteToConsole(console, json, consoleLevel)));
        return builder;
    }

    /// <summary>
    /// The cluster profile (<c>Cluster__Mode=Distributed</c>) logs one JSON object per line, for a log collector: the
    /// message, its properties (job id, row number, …) as fields, and the trace and span ids of the current trace.
    /// </summary>
    public static bool WritesJson(IConfiguration configuration) =>
        ClusterProfileOptions.From(configuration).Mode == ClusterMode.Distributed;

    private static void WriteToConsole(LoggerConfiguration console, bool json, LogEventLevel level)
    {
        if (json)
        {
            console.WriteTo.Console(new RenderedCompactJsonFormatter(), restrictedToMinimumLevel: level);
            return;
        }

        console.WriteTo.Console(
            restrictedToMinimumLevel: level,
            outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
    }
}
