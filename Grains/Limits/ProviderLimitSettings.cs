namespace PersonalizedLine.Grains.Limits;

/// <summary>One limit key and what is configured for it.</summary>
/// <param name="Key">Readable and free of secrets: provider, endpoint, a short hash of the API key, and the model for LLMs.</param>
/// <param name="RequestsPerMinute">0: not configured.</param>
/// <param name="TokensPerMinute">0: not configured.</param>
/// <param name="FallbackPause">How long a 429 with no hint pauses the key.</param>
public sealed record ProviderLimitSettings(string Key, int RequestsPerMinute, long TokensPerMinute, TimeSpan FallbackPause)
{
    public bool Configured => RequestsPerMinute > 0 || TokensPerMinute > 0;
}
