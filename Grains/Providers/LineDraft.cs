namespace PersonalizedLine.Grains.Providers;

/// <summary>The model's raw answer, before guardrails, and the tokens it cost.</summary>
public sealed record LineDraft(string Text, int PromptTokens, int CompletionTokens);
