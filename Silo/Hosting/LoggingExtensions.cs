using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;

namespace PersonalizedLine.Silo.Hosting;

public static class LoggingExtensions
{
    /// <summary>
    /// Serilog as the log provider. Orleans, Polly and HttpClient log every call at Information, which would bury
    /// the product's own lines, so they start at Warning; the <c>Serilog</c> configuration section can override.
    /// </summary>
    public static IHostApplicationBuilder AddPersonalizedLineLogging(this IHostApplicationBuilder builder, LogEventLevel consoleLevel = LogEventLevel.Information)
    {
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
            .WriteTo.Console(
                restrictedToMinimumLevel: consoleLevel,
                outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"));
        return builder;
    }
}
