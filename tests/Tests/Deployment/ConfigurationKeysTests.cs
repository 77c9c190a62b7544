using PersonalizedLine.Silo.Hosting;

namespace PersonalizedLine.Tests.Deployment;

public sealed class ConfigurationKeysTests
{
    [Theory]
    [InlineData("Processing__MaxConcurrentRowsPerSilo")]
    [InlineData("Processing__ChunkSize")]
    [InlineData("Upload__MaxFileBytes")]
    [InlineData("Research__BaseUrl")]
    [InlineData("Research__AttemptTimeout")]
    [InlineData("Llm__Model")]
    [InlineData("Llm__MaxRateLimitWaits")]
    [InlineData("Llm__Mode")]
    [InlineData("Llm__BatchCompletionWindow")]
    [InlineData("Cluster__Mode")]
    [InlineData("Webhook__Secret")]
    [InlineData("Webhook__AllowPrivateNetworks")]
    [InlineData("Webhook__MaxAttempts")]
    [InlineData("Cluster__Kubernetes")]
    [InlineData("Cluster__ShutdownTimeout")]
    [InlineData("ConnectionStrings__Redis")]
    [InlineData("ConnectionStrings__Postgres")]
    [InlineData("SERPER_API_KEY")]
    [InlineData("GROQ_API_KEY")]
    [InlineData("Telemetry__RowTraceSampleRatio")]
    [InlineData("Telemetry__TraceGrainCalls")]
    public void The_catalog_knows_every_documented_key_including_inherited_provider_settings(string key) =>
        Assert.Contains(key, ConfigurationKeys.Known);

    [Theory]
    [InlineData("Research__HasApiKey")]
    [InlineData("Cluster__EffectiveSiloPort")]
    [InlineData("Processing__SectionName")]
    [InlineData("Webhook__HasSecret")]
    [InlineData("Cluster__Mod")]
    public void The_catalog_leaves_out_read_only_properties_constants_and_misspellings(string key) =>
        Assert.DoesNotContain(key, ConfigurationKeys.Known);

    [Theory]
    [InlineData("POD_NAME", true)]
    [InlineData("ASPNETCORE_HTTP_PORTS", true)]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT", true)]
    [InlineData("Serilog__MinimumLevel__Default", true)]
    [InlineData("Serilog__", false)]
    [InlineData("pod_name", false)]
    [InlineData("ORLEANS_SERVICE_ID", false)]
    public void Platform_names_match_exactly_and_serilog_passes_through_as_a_section(string name, bool recognized) =>
        Assert.Equal(recognized, ConfigurationKeys.IsRecognized(name));
}
