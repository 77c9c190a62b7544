namespace PersonalizedLine.Grains.Interfaces.Rows;

/// <summary>What a row runner needs to process one row; rendered by its chunk from the job's templates.</summary>
/// <param name="ChunkKey">Key of the chunk grain to report the result to.</param>
/// <param name="RowNumber">Zero-based data row number within the job.</param>
/// <param name="ResearchQuery">The rendered search query.</param>
/// <param name="Instructions">The rendered LLM instructions.</param>
/// <param name="Lead">The lead's fields by placeholder name (first_name, company, …), for prompts and offline writers.</param>
/// <param name="Model">LLM model id.</param>
/// <param name="RefreshResearchSince">The job's <c>JobSpec.RefreshResearchSince</c>: research older than this is searched again.</param>
/// <param name="PromptTemplate">The job's prompt template, unrendered: a request shared by several rows states it once.</param>
/// <param name="RowsPerRequest">The job's <c>JobSpec.RowsPerRequest</c>.</param>
/// <param name="PrepareForBatch">A batch-mode row: research only; its line comes from the provider's Batch API.</param>
[GenerateSerializer, Immutable, Alias("row-request")]
public sealed record class RowRequest(
    [property: Id(0)] string ChunkKey,
    [property: Id(1)] long RowNumber,
    [property: Id(2)] string ResearchQuery,
    [property: Id(3)] string Instructions,
    [property: Id(4)] IReadOnlyDictionary<string, string> Lead,
    [property: Id(5)] string Model,
    [property: Id(6)] DateTimeOffset? RefreshResearchSince = null,
    [property: Id(7)] string PromptTemplate = "",
    [property: Id(8)] int RowsPerRequest = 1,
    [property: Id(9)] bool PrepareForBatch = false)
{
    /// <summary>The job the row belongs to (the first part of <see cref="ChunkKey"/>).</summary>
    public string JobId => ChunkKey.Split('/')[0];
}
