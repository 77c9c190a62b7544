namespace PersonalizedLine.Grains.Interfaces.Jobs;

/// <summary>Provider usage, so the cost of a job is visible: LLM tokens and web searches made.</summary>
[GenerateSerializer, Immutable, Alias("usage-totals")]
public sealed record class UsageTotals(
    [property: Id(0)] long PromptTokens,
    [property: Id(1)] long CompletionTokens,
    [property: Id(2)] long SearchCalls)
{
    public static UsageTotals None { get; } = new(0, 0, 0);

    public long TotalTokens => PromptTokens + CompletionTokens;

    public UsageTotals Add(UsageTotals other) =>
        new(PromptTokens + other.PromptTokens, CompletionTokens + other.CompletionTokens, SearchCalls + other.SearchCalls);

    public UsageTotals Subtract(UsageTotals other) =>
        new(PromptTokens - other.PromptTokens, CompletionTokens - other.CompletionTokens, SearchCalls - other.SearchCalls);
}
