namespace PersonalizedLine.Grains.Submission;

/// <summary>What a user asks for along with the file; null means the default.</summary>
public sealed record JobRequest(string FileName, string? PromptTemplate = null, string? ResearchQueryTemplate = null, string? Model = null);
