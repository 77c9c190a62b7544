using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.SharedRequests;

namespace PersonalizedLine.Grains.Estimates;

/// <summary>
/// How many chat completions a job's rows take: one per row, or one per group of rows sharing a request, as many as
/// the job asks for but no more than fit <see cref="SharedRequestCap"/> (the same cap the silos split requests at).
/// </summary>
/// <param name="rowsPerRequest">The job's rows per request.</param>
/// <param name="llm">Model settings: <c>MaxTokens</c>, the token limit, the context window.</param>
/// <param name="shared">Whether rows share requests at all.</param>
/// <param name="promptTemplate">The job's prompt template, stated once per shared request.</param>
/// <param name="averageRowTokens">A row's share of a shared prompt: its fields and research as JSON.</param>
public sealed class LlmRequestPlan(int rowsPerRequest, LlmOptions llm, bool shared, string promptTemplate, double averageRowTokens)
{
    public bool Shared => shared;

    /// <summary>Prompt tokens every shared request carries whatever its rows: rules, instructions, headings.</summary>
    public long FixedPromptTokens => ((SharedPromptBuilder.FixedChars(promptTemplate) + PromptTokens.CharsPerToken - 1) / PromptTokens.CharsPerToken) + (2 * PromptTokens.PerMessageOverhead);

    /// <summary>Rows in a full request after the token cap.</summary>
    public int RowsPerRequest { get; private set; } = 1;

    /// <summary>Chat completion requests.</summary>
    public long Count { get; private set; }

    /// <summary>The <c>max_tokens</c> of all requests together.</summary>
    public long AnswerTokens { get; private set; }

    public string Note { get; private set; } = string.Empty;

    public LlmRequestPlan For(long rows)
    {
        if (!shared)
        {
            (RowsPerRequest, Count, AnswerTokens) = (1, rows, rows * llm.MaxTokens);
            Note = "Each row is one LLM request (rowsPerRequest 1).";
            return this;
        }

        var cap = SharedRequestCap.Tokens(llm);
        var fitting = rowsPerRequest;
        while (fitting > 1 && FixedPromptTokens + (fitting * averageRowTokens) + SharedPromptBuilder.AnswerTokens(fitting, llm.MaxTokens) > cap)
        {
            fitting--;
        }

        RowsPerRequest = fitting;
        Count = (rows + fitting - 1) / fitting;
        AnswerTokens = (rows * (llm.MaxTokens + SharedPromptBuilder.AnswerOverheadPerRow)) + (Count * SharedPromptBuilder.AnswerOverheadPerRow);
        Note = fitting == rowsPerRequest
            ? $"Up to {fitting} rows share one LLM request (rowsPerRequest); requests that leave before they are full, and rows a shared answer could not serve (asked again alone), add a few."
            : $"rowsPerRequest is {rowsPerRequest}, but only {fitting} rows fit one request within {cap} tokens (the model's context, Llm__ContextTokens, or a quarter of Llm__TokensPerMinute); requests are split to that size.";
        return this;
    }
}
