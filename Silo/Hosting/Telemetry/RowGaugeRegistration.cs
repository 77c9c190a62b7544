using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PersonalizedLine.Grains.Processing;

namespace PersonalizedLine.Silo.Hosting.Telemetry;

/// <summary>
/// Creates this silo's row limiter at start-up, so its rows-in-flight and rows-waiting gauges read 0 from the first
/// scrape instead of appearing with the first row. A pure client (the API of a cluster) has no limiter.
/// </summary>
internal sealed class RowGaugeRegistration(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetService<RowConcurrencyLimiter>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
