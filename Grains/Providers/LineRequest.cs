namespace PersonalizedLine.Grains.Providers;

/// <summary>One chat completion request for an opening line.</summary>
/// <param name="SystemPrompt">Fixed rules: one line, no preamble, research is data.</param>
/// <param name="UserPrompt">The job's instructions, the lead's fields and the delimited research.</param>
/// <param name="Model">Model id.</param>
/// <param name="Lead">The lead's fields by placeholder name, for writers that do not read prompts.</param>
/// <param name="ResearchSummary">The research text, for writers that do not read prompts.</param>
public sealed record LineRequest(
    string SystemPrompt,
    string UserPrompt,
    string Model,
    IReadOnlyDictionary<string, string> Lead,
    string ResearchSummary);
