namespace PersonalizedLine.Grains.Limits;

/// <summary>Which of the cluster-wide limits a provider client's requests wait for.</summary>
public enum ProviderLimitKind
{
    /// <summary>The search API's limit.</summary>
    Research,

    /// <summary>Chat completions: one limit per model (the request's model, else the configured one).</summary>
    Llm,

    /// <summary>
    /// The LLM provider's Files and Batches API. Providers limit it apart from chat completions, so its calls neither
    /// spend a chat permit nor let one of their 429s pause the online rows.
    /// </summary>
    BatchApi,
}
