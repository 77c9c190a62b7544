using System.Globalization;

namespace PersonalizedLine.Benchmark;

/// <summary>
/// The product's settings for a benchmark, in configuration-key form (<c>Processing:ChunkSize</c>): the same for every
/// host, given to the in-process silos as configuration and to the API and silo processes as environment variables.
/// </summary>
public static class ProductSettings
{
    /// <param name="dataDirectory">
    /// The embedded profile's <c>Storage__Path</c>; null for a cluster, whose state is in PostgreSQL.
    /// </param>
    public static Dictionary<string, string?> For(BenchmarkSettings settings, ProviderEmulator.ProviderEmulator emulator, string? dataDirectory)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Research:BaseUrl"] = emulator.SearchBaseUrl.ToString(),
            ["Research:ApiKey"] = "benchmark-key",
            ["Llm:BaseUrl"] = emulator.LlmBaseUrl.ToString(),
            ["Llm:ApiKey"] = "benchmark-key",
            ["Processing:MaxConcurrentRowsPerSilo"] = Text(settings.RowsInFlight),
            ["Processing:ChunkSize"] = Text(settings.ChunkSize),
            ["Upload:MaxRows"] = Text(Math.Max(settings.Rows, settings.WarmupRows)),
            // Polly logs every handled 429 as a warning; at a provider limit the report counts them instead.
            ["Serilog:MinimumLevel:Override:Polly"] = "Error",
            // Batch mode: the emulator's batches finish in seconds; poll them as often.
            ["Llm:BatchPollInterval"] = "00:00:01",
            // No keys: the API listens on loopback only, which the product allows without them in every profile.
            ["Auth:Mode"] = "None",
        };
        if (dataDirectory is not null)
        {
            // The embedded default keeps its state on disk: a fresh directory, so no job of an earlier run resumes
            // during this one and nothing is left in the user's own data directory.
            configuration["Storage:Path"] = dataDirectory;
        }

        if (settings.ResearchRequestsPerMinute > 0)
        {
            configuration["Research:RequestsPerMinute"] = Text(settings.ResearchRequestsPerMinute);
        }

        if (settings.LlmRequestsPerMinute > 0)
        {
            configuration["Llm:RequestsPerMinute"] = Text(settings.LlmRequestsPerMinute);
        }

        if (settings.LlmTokensPerMinute > 0)
        {
            configuration["Llm:TokensPerMinute"] = Text(settings.LlmTokensPerMinute);
        }

        return configuration;
    }

    /// <summary>The same settings as environment variables (<c>Processing__ChunkSize</c>), as an operator sets them.</summary>
    public static Dictionary<string, string> AsEnvironment(IReadOnlyDictionary<string, string?> configuration) =>
        configuration.Where(setting => setting.Value is not null)
            .ToDictionary(setting => setting.Key.Replace(":", "__", StringComparison.Ordinal), setting => setting.Value!);

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
