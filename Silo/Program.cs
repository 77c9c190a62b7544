using Orleans.Dashboard;
using PersonalizedLine.Silo.Hosting;

// A silo host: `Cluster__Mode=Localhost` joins other silos on this machine; the API connects as a client.
var builder = WebApplication.CreateBuilder(args);
builder.AddPersonalizedLineLogging();
builder.AddPersonalizedLineSilo(withDashboard: true);
builder.Services.AddHealthChecks();

var app = builder.Build();
app.MapHealthChecks("/health");
app.MapOrleansDashboard(routePrefix: "/dashboard");
app.Run();
