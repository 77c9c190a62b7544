namespace PersonalizedLine.Grains.Submission;

/// <summary>What a user asks for along with the file; null means the default.</summary>
/// <param name="FileName">The uploaded file's name, for display only.</param>
/// <param name="PromptTemplate">LLM instruction template.</param>
/// <param name="ResearchQueryTemplate">Search query template.</param>
/// <param name="Model">LLM model id.</param>
/// <param name="RefreshResearch">Do not use cached research from before this job: search every distinct query again.</param>
public sealed record JobRequest(
    string FileName,
    string? PromptTemplate = null,
    string? ResearchQueryTemplate = null,
    string? Model = null,
    bool RefreshResearch = false);
