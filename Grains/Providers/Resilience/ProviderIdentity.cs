namespace PersonalizedLine.Grains.Providers;

/// <summary>How a provider is named in error messages, and which settings a person should check.</summary>
/// <param name="DisplayName">E.g. "Search API" or "LLM"; starts every message.</param>
/// <param name="Section">Configuration section, e.g. "Llm", used to name settings like <c>Llm__TotalTimeout</c>.</param>
/// <param name="KeySettings">Where the key comes from, e.g. "Llm__ApiKey / GROQ_API_KEY".</param>
/// <param name="BaseUrl">The configured base URL, shown when the provider cannot be reached.</param>
public sealed record ProviderIdentity(string DisplayName, string Section, string KeySettings, string BaseUrl)
{
    public static ProviderIdentity ForResearch(ResearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new("Search API", ResearchOptions.SectionName, $"Research__ApiKey / {ResearchOptions.FallbackApiKeyName}", options.BaseUrl);
    }

    public static ProviderIdentity ForLlm(LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new("LLM", LlmOptions.SectionName, $"Llm__ApiKey / {LlmOptions.FallbackApiKeyName}", options.BaseUrl);
    }
}
