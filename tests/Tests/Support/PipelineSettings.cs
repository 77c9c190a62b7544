namespace PersonalizedLine.Tests.Support;

/// <summary>Configuration that points the real provider clients at the emulator, with test-sized timings.</summary>
public static class PipelineSettings
{
    public static Dictionary<string, string?> For(ProviderEmulator.ProviderEmulator emulator, int maxConcurrentRowsPerSilo, int chunkSize = 10) => new()
    {
        ["Research:BaseUrl"] = emulator.SearchBaseUrl.ToString(),
        ["Research:ApiKey"] = "test-search-key",
        ["Research:AttemptTimeout"] = "00:00:10",
        ["Research:MaxRetries"] = "2",
        ["Research:RateLimitFallbackDelay"] = "00:00:00.100",
        ["Llm:BaseUrl"] = emulator.LlmBaseUrl.ToString(),
        ["Llm:ApiKey"] = "test-llm-key",
        ["Llm:AttemptTimeout"] = "00:00:10",
        ["Llm:MaxRetries"] = "2",
        ["Llm:RateLimitFallbackDelay"] = "00:00:00.100",
        // Batch mode: the emulator's batches finish in a second or so (the product polls every minute).
        ["Llm:BatchPollInterval"] = "00:00:00.500",
        ["Processing:MaxConcurrentRowsPerSilo"] = maxConcurrentRowsPerSilo.ToString(),
        ["Processing:ChunkSize"] = chunkSize.ToString(),
        ["Processing:ResultFlushInterval"] = "00:00:00.100",
        ["Processing:ResultFlushBatchSize"] = "5",
    };
}
