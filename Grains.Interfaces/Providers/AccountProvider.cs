namespace PersonalizedLine.Grains.Interfaces.Providers;

/// <summary>Which of the configured providers an <see cref="AccountProblem"/> is about.</summary>
[GenerateSerializer, Alias("account-provider")]
public enum AccountProvider
{
    /// <summary>The web search used for research (<c>Research__*</c>).</summary>
    Research = 0,

    /// <summary>The LLM's chat completions (<c>Llm__*</c>).</summary>
    Llm = 1,

    /// <summary>The LLM provider's Files and Batches API (same key as <see cref="Llm"/>).</summary>
    LlmBatchApi = 2,
}
