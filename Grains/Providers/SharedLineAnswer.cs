namespace PersonalizedLine.Grains.Providers;

/// <summary>The model's raw answer to a <see cref="SharedLineRequest"/>, before it is read row by row.</summary>
/// <param name="Content">The message content: JSON if the model kept to the format.</param>
/// <param name="FinishReason"><c>stop</c>, or <c>length</c> when the answer was cut at <c>max_tokens</c>.</param>
/// <param name="PromptTokens">Prompt tokens the provider counted.</param>
/// <param name="CompletionTokens">Completion tokens the provider counted.</param>
/// <param name="RateLimitedAnswers">429s met on the way.</param>
public sealed record SharedLineAnswer(string Content, string? FinishReason, int PromptTokens, int CompletionTokens, int RateLimitedAnswers);
