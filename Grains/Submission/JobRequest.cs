using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Grains.Submission;

/// <summary>What a user asks for along with the file; null means the default.</summary>
/// <param name="FileName">The uploaded file's name, for display only.</param>
/// <param name="PromptTemplate">The LLM instruction template, or null for the default.</param>
/// <param name="ResearchQueryTemplate">The search query template, or null for the default.</param>
/// <param name="Model">The LLM model id, or null for <c>Llm__Model</c>.</param>
/// <param name="RefreshResearch">Do not use cached research from before this job: search every distinct query again.</param>
/// <param name="RowLimit">A preview: take only the first this many data rows (at least 1). Null for the whole file.</param>
/// <param name="RowsPerRequest">Rows per chat completion (1 to 50), or null for <c>Llm__RowsPerRequest</c>.</param>
/// <param name="Mode">Online, or the provider's Batch API; null for <c>Llm__Mode</c>.</param>
/// <param name="WebhookUrl">Where the job's outcome is POSTed, or null for no webhook (see <c>Webhooks.WebhookUrlValidator</c>).</param>
/// <param name="Sheet">For an .xlsx upload, the sheet to read by name; null for the first.</param>
public sealed record JobRequest(
    string FileName,
    string? PromptTemplate = null,
    string? ResearchQueryTemplate = null,
    string? Model = null,
    bool RefreshResearch = false,
    long? RowLimit = null,
    int? RowsPerRequest = null,
    JobMode? Mode = null,
    string? WebhookUrl = null,
    string? Sheet = null);
