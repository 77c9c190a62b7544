namespace PersonalizedLine.Grains.Interfaces.Batches;

/// <summary>What the provider batch answered for one request: the model's content, or why there is none.</summary>
/// <param name="CustomId">The request's <c>custom_id</c>.</param>
/// <param name="Content">The message content; null when the request failed.</param>
/// <param name="FinishReason">The choice's <c>finish_reason</c>.</param>
/// <param name="PromptTokens">Prompt tokens billed.</param>
/// <param name="CompletionTokens">Completion tokens billed.</param>
/// <param name="Error">The provider's reason when the request failed.</param>
[GenerateSerializer, Immutable, Alias("batch-answer")]
public sealed record class BatchAnswer(
    [property: Id(0)] string CustomId,
    [property: Id(1)] string? Content,
    [property: Id(2)] string? FinishReason,
    [property: Id(3)] int PromptTokens,
    [property: Id(4)] int CompletionTokens,
    [property: Id(5)] string? Error);
