using System.Collections.Frozen;
using System.Reflection;
using PersonalizedLine.Grains.Jobs;
using PersonalizedLine.Grains.Pricing;
using PersonalizedLine.Grains.Processing;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.Submission;
using PersonalizedLine.Grains.Telemetry;
using PersonalizedLine.Grains.Webhooks;

namespace PersonalizedLine.Silo.Hosting;

/// <summary>
/// The catalog of configuration names, in environment-variable form (<c>Section__Property</c>), that the silo and the
/// API read. Deployment files (k8s/, docs) are checked against it, so a misspelled or retired key fails a test instead
/// of being silently ignored at run time.
/// </summary>
public static class ConfigurationKeys
{
    /// <summary>Separator between a section and a key in environment variable names.</summary>
    public const string Separator = "__";

    /// <summary>The options types bound from configuration; each declares its section in a <c>SectionName</c> constant.</summary>
    public static IReadOnlyList<Type> OptionsTypes { get; } =
    [
        typeof(ProcessingOptions),
        typeof(UploadOptions),
        typeof(ResearchOptions),
        typeof(LlmOptions),
        typeof(ClusterProfileOptions),
        typeof(PricingOptions),
        typeof(WebhookOptions),
        typeof(JobsOptions),
        typeof(Auth.AuthOptions),
        typeof(Auth.QuotaOptions),
        typeof(TelemetryOptions),
        typeof(Storage.StorageOptions),
    ];

    /// <summary>
    /// Every key the application's own code reads: <c>Section__Property</c> for each public settable property of the
    /// options types, the connection strings, and the providers' fallback key names. Matching ignores case, as the
    /// .NET configuration system does.
    /// </summary>
    public static IReadOnlySet<string> Known { get; } = BuildKnown();

    /// <summary>
    /// Names read by the platform rather than by options: the pod identity given to the Orleans Kubernetes hosting
    /// through the downward API, and the ASP.NET Core / .NET host settings. Environment variables read directly by
    /// the runtime, so matching is exact.
    /// </summary>
    /// <remarks>
    /// <c>ORLEANS_SERVICE_ID</c> and <c>ORLEANS_CLUSTER_ID</c> (also read by the Kubernetes hosting) are left out on
    /// purpose: the API never reads them, so the cluster identity must come from the <c>Cluster</c> section, which
    /// both processes share.
    /// </remarks>
    public static IReadOnlySet<string> Platform { get; } = new[]
    {
        "POD_NAME",
        "POD_NAMESPACE",
        "POD_IP",
        "ASPNETCORE_HTTP_PORTS",
        "ASPNETCORE_URLS",
        "ASPNETCORE_ENVIRONMENT",
        "DOTNET_ENVIRONMENT",
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_PROTOCOL",
        "OTEL_EXPORTER_OTLP_HEADERS",
        "OTEL_SERVICE_NAME",
        "OTEL_RESOURCE_ATTRIBUTES",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Prefixes of whole sections passed through to a library as they are (Serilog reads its own section).</summary>
    public static IReadOnlyList<string> PlatformPrefixes { get; } = ["Serilog" + Separator];

    /// <summary>
    /// Prefixes of the options' dictionary properties, whose keys are chosen by the operator (e.g.
    /// <c>Pricing__Models__llama-3.1-8b-instant__InputPerMillion</c>).
    /// </summary>
    public static IReadOnlyList<string> DictionaryPrefixes { get; } = BuildDictionaryPrefixes();

    /// <summary>Whether something in this application or its platform reads <paramref name="name"/>.</summary>
    public static bool IsRecognized(string name) =>
        Known.Contains(name)
        || Platform.Contains(name)
        || PlatformPrefixes.Concat(DictionaryPrefixes)
            .Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && name.Length > prefix.Length);

    private static FrozenSet<string> BuildKnown()
    {
        var keys = new List<string>
        {
            "ConnectionStrings" + Separator + "Redis",
            "ConnectionStrings" + Separator + "Postgres",
            ResearchOptions.FallbackApiKeyName,
            LlmOptions.FallbackApiKeyName,
        };

        foreach (var type in OptionsTypes)
        {
            var section = SectionNameOf(type);
            keys.AddRange(type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.SetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0)
                .Select(property => section + Separator + property.Name));
        }

        return keys.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }

    private static string[] BuildDictionaryPrefixes() =>
        OptionsTypes
            .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.SetMethod is { IsPublic: true }
                    && property.PropertyType.IsGenericType
                    && property.PropertyType.GetGenericTypeDefinition() == typeof(Dictionary<,>))
                .Select(property => SectionNameOf(type) + Separator + property.Name + Separator))
            .ToArray();

    private static string SectionNameOf(Type type) =>
        type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
        ?? throw new InvalidOperationException($"{type.FullName} declares no public const string SectionName.");
}
