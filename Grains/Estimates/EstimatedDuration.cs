namespace PersonalizedLine.Grains.Estimates;

/// <summary>
/// How long the configured provider limits need for a job: each configured limit gives a time (work over the limit
/// per minute) and the longest one binds. Tokens are counted the way providers admit a request: its prompt plus
/// its <c>max_tokens</c>. With no limit configured there is no figure: the time is then set by provider latency.
/// </summary>
public static class EstimatedDuration
{
    public const string ResearchRequestsKey = "Research__RequestsPerMinute";
    public const string LlmRequestsKey = "Llm__RequestsPerMinute";
    public const string LlmTokensKey = "Llm__TokensPerMinute";

    /// <param name="answerTokens">The <c>max_tokens</c> of all LLM requests together.</param>
    /// <returns>Seconds (one decimal) and the binding limit's key, or (null, null) when no limit is configured.</returns>
    public static (double? Seconds, string? BindingLimit) Compute(
        long searches, int researchRequestsPerMinute,
        long llmRequests, int llmRequestsPerMinute,
        long promptTokens, long answerTokens, int llmTokensPerMinute)
    {
        double? longest = null;
        string? binding = null;
        void Consider(string key, double work, int perMinute)
        {
            if (perMinute <= 0)
            {
                return;
            }

            var seconds = work / perMinute * 60;
            if (longest is null || seconds > longest)
            {
                (longest, binding) = (seconds, key);
            }
        }

        Consider(ResearchRequestsKey, searches, researchRequestsPerMinute);
        Consider(LlmRequestsKey, llmRequests, llmRequestsPerMinute);
        Consider(LlmTokensKey, promptTokens + (double)answerTokens, llmTokensPerMinute);
        return (longest is { } s ? Math.Round(s, 1) : null, binding);
    }
}
