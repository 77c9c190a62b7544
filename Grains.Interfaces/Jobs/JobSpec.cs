namespace PersonalizedLine.Grains.Interfaces.Jobs;

/// <summary>Everything a job needs to know about its input and how to personalize it.</summary>
/// <param name="FileName">The uploaded file's name, for display only.</param>
/// <param name="Headers">Input column names, in file order.</param>
/// <param name="Delimiter">The input's field separator; the output uses the same one.</param>
/// <param name="ResearchQueryTemplate">Search query template with <c>{column}</c> placeholders.</param>
/// <param name="PromptTemplate">LLM instruction template with <c>{column}</c> placeholders.</param>
/// <param name="Model">LLM model id.</param>
/// <param name="RefreshResearchSince">
/// Set when the job asked to refresh its research (<c>refreshResearch=true</c>): the moment it was submitted.
/// Cached research fetched before then is not used; the job's rows search again, once per distinct query (a moment
/// rather than a flag, so that the job's later rows share the new searches instead of each refreshing again).
/// </param>
/// <param name="RowLimit">A preview: only the first this many data rows of the file were taken. Null for the whole file.</param>
/// <param name="RowsPerRequest">Rows that share one chat completion (1: each row alone).</param>
/// <param name="Mode">Online chat completions, or the provider's Batch API.</param>
/// <param name="WebhookUrl">
/// Where the job's outcome (completed, failed, cancelled) is POSTed, signed; null for none. Checked at submission
/// (http or https, no private address unless <c>Webhook__AllowPrivateNetworks</c>).
/// </param>
[GenerateSerializer, Immutable, Alias("job-spec")]
public sealed record class JobSpec(
    [property: Id(0)] string FileName,
    [property: Id(1)] IReadOnlyList<string> Headers,
    [property: Id(2)] char Delimiter,
    [property: Id(3)] string ResearchQueryTemplate,
    [property: Id(4)] string PromptTemplate,
    [property: Id(5)] string Model,
    [property: Id(6)] DateTimeOffset? RefreshResearchSince = null,
    [property: Id(7)] long? RowLimit = null,
    [property: Id(8)] int RowsPerRequest = 1,
    [property: Id(9)] JobMode Mode = JobMode.Online,
    [property: Id(10)] string? WebhookUrl = null);
