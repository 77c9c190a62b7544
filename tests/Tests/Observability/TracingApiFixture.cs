using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using PersonalizedLine.Tests.Api;

namespace PersonalizedLine.Tests.Observability;

/// <summary>The API with its embedded silo, every row and grain call traced, and the spans kept in memory.</summary>
public sealed class TracingApiFixture() : ApiHostFixture(maxConcurrentRowsPerSilo: 50)
{
    public ExportedActivities Spans { get; } = new();

    protected override void Configure(Dictionary<string, string?> settings)
    {
        settings["Telemetry:RowTraceSampleRatio"] = "1";
        settings["Telemetry:TraceGrainCalls"] = "true";
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
}

[CollectionDefinition(Name)]
public sealed class TracingApiCollection : ICollectionFixture<TracingApiFixture>
{
    public const string Name = "API with every row traced";
}
