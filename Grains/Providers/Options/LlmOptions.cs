namespace PersonalizedLine.Grains.Providers;

/// <summary>OpenAI-compatible chat completions settings, configuration section <c>Llm</c>.</summary>
public sealed class LlmOptions : ProviderResilienceOptions
{
    public const string SectionName = "Llm";

    /// <summary>Configuration key read when <see cref="ApiKey"/> is not set.</summary>
    public const string FallbackApiKeyName = "GROQ_API_KEY";

    public LlmOptions()
    {
        // Large and reasoning models take minutes to answer (the OpenAI SDK waits up to 10): an attempt cut early is
        // still billed and would only be sent again. One retry after a timeout, no more, and room for both in total.
        AttemptTimeout = TimeSpan.FromMinutes(4);
        MaxTimeoutRetries = 1;
        TotalTimeout = TimeSpan.FromMinutes(10);
    }

    /// <summary>Base URL ending in the API version, e.g. <c>https://api.groq.com/openai/v1</c> or <c>http://localhost:11434/v1</c>.</summary>
    public string BaseUrl { get; set; } = "https://api.groq.com/openai/v1";

    /// <summary>Null or blank means: use the offline line writer.</summary>
    public string? ApiKey { get; set; }

    public string Model { get; set; } = "llama-3.1-8b-instant";

    public double Temperature { get; set; } = 0.7;

    public int MaxTokens { get; set; } = 120;

    /// <summary>
    /// The plan's token limit per minute, held by the whole cluster. Counted the way Groq and OpenAI admit a request:
    /// prompt tokens plus <see cref="MaxTokens"/>. 0 means not configured.
    /// </summary>
    public int TokensPerMinute { get; set; }

    public bool HasApiKey => !string.IsNullOrWhiteSpace(ApiKey);
}
