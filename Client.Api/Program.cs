using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Dashboard;
using PersonalizedLine.Client.Api;
using PersonalizedLine.Client.Api.Auth;
using PersonalizedLine.Client.Api.Jobs;
using PersonalizedLine.Client.Api.WebPage;
using PersonalizedLine.Silo.Hosting;
using PersonalizedLine.Silo.Hosting.Telemetry;

var builder = WebApplication.CreateBuilder(args);
builder.AddPersonalizedLineLogging();
var hostsSilo = builder.AddPersonalizedLineSiloOrClient();
builder.AddPersonalizedLineTelemetry();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ClusterUnavailableHandler>();
builder.Services.AddOpenApi(options => options.AddDocumentTransformer<ApiKeySecurityDocumentation>());
builder.Services.AddPersonalizedLineHealthChecks();
builder.Services.AddPersonalizedLineAuth();
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UsePersonalizedLineAuth();
app.MapOpenApi();
app.UseWebPage();
app.MapPersonalizedLineHealth();
app.MapPersonalizedLineMetrics();
app.MapJobs();
if (hostsSilo)
{
    app.MapOrleansDashboard(routePrefix: "/dashboard");
}

app.Run();

/// <summary>Entry point; public so API tests can host it with WebApplicationFactory.</summary>
public partial class Program;
