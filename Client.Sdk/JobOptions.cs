using PersonalizedLine.Client.Sdk.Models;

namespace PersonalizedLine.Client.Sdk;

/// <summary>A job's optional settings; null leaves each to the server's default.</summary>
/// <param name="Prompt">Prompt template.</param>
/// <param name="ResearchQuery">Research query template.</param>
/// <param name="Model">LLM model id.</param>
/// <param name="RefreshResearch">Search every distinct query again instead of using cached research.</param>
/// <param name="Limit">A preview: only the first this many rows.</param>
/// <param name="RowsPerRequest">Rows sharing one LLM request.</param>
/// <param name="Mode">Online, or through the provider's Batch API.</param>
/// <param name="WebhookUrl">Receives the job's outcome as a signed POST.</param>
/// <param name="Sheet">For an .xlsx file, the sheet to read by name (null: the first).</param>
public sealed record JobOptions(
    string? Prompt = null,
    string? ResearchQuery = null,
    string? Model = null,
    bool? RefreshResearch = null,
    long? Limit = null,
    int? RowsPerRequest = null,
    JobMode? Mode = null,
    string? WebhookUrl = null,
    string? Sheet = null);
