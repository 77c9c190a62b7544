namespace PersonalizedLine.Grains.Providers;

/// <summary>The model's raw answer, before guardrails, what it cost, and how many 429s it met on the way.</summary>
public sealed record LineDraft(string Text, int PromptTokens, int CompletionTokens, int RateLimitedAnswers = 0);
