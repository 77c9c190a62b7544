namespace PersonalizedLine.Grains.Providers;

/// <summary>How the Batch API is named in messages: as the LLM provider, with its settings.</summary>
internal static class BatchApiIdentity
{
    public static ProviderIdentity For(LlmOptions options) =>
        new("LLM Batch API", LlmOptions.SectionName, $"{LlmOptions.SectionName}__ApiKey / {LlmOptions.FallbackApiKeyName}", options.BaseUrl);
}
