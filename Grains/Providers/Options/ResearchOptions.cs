namespace PersonalizedLine.Grains.Providers;

/// <summary>Search API (Serper) settings, configuration section <c>Research</c>.</summary>
public sealed class ResearchOptions : ProviderResilienceOptions
{
    public const string SectionName = "Research";

    /// <summary>Configuration key read when <see cref="ApiKey"/> is not set.</summary>
    public const string FallbackApiKeyName = "SERPER_API_KEY";

    public string BaseUrl { get; set; } = "https://google.serper.dev";

    /// <summary>Null or blank means: use offline research.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Serper <c>gl</c>: country to search from.</summary>
    public string Country { get; set; } = "us";

    /// <summary>Serper <c>hl</c>: interface language.</summary>
    public string Language { get; set; } = "en";

    /// <summary>Serper <c>num</c>: organic results asked for.</summary>
    public int ResultsPerQuery { get; set; } = 5;

    /// <summary>Cap on the condensed research text, so prompts stay small and cheap.</summary>
    public int SummaryMaxChars { get; set; } = 1200;

    /// <summary>How long a research result is reused, by any job on any silo, before the query is searched again.</summary>
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromDays(7);

    public bool HasApiKey => !string.IsNullOrWhiteSpace(ApiKey);
}
