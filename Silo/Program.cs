using Orleans.Dashboard;
using PersonalizedLine.Silo.Hosting;
using PersonalizedLine.Silo.Hosting.Telemetry;

namespace PersonalizedLine.Silo;

/// <summary>
/// A silo host with a health endpoint and the dashboard. `Cluster__Mode=Localhost` joins other silos on this
/// machine; the API then connects as a client. A named class rather than top-level statements, so this
/// project's entry point never collides with the API's <c>Program</c>.
/// </summary>
public static class SiloHostProgram
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddPersonalizedLineLogging();
        builder.AddPersonalizedLineSilo(withDashboard: true);
        builder.AddPersonalizedLineTelemetry();
        builder.Services.AddPersonalizedLineHealthChecks();

        var app = builder.Build();
        app.MapPersonalizedLineHealth();
        app.MapPersonalizedLineMetrics();
        app.MapOrleansDashboard(routePrefix: "/dashboard");
        app.Run();
    }
}
