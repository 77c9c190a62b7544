namespace PersonalizedLine.Grains.Interfaces.Jobs;

/// <summary>Everything a job needs to know about its input and how to personalize it.</summary>
/// <param name="FileName">The uploaded file's name, for display only.</param>
/// <param name="Headers">Input column names, in file order.</param>
/// <param name="Delimiter">The input's field separator; the output uses the same one.</param>
/// <param name="ResearchQueryTemplate">Search query template with <c>{column}</c> placeholders.</param>
/// <param name="PromptTemplate">LLM instruction template with <c>{column}</c> placeholders.</param>
/// <param name="Model">LLM model id.</param>
/// <param name="RowLimit">A preview: only the first this many data rows of the file were taken. Null for the whole file.</param>
[GenerateSerializer, Immutable, Alias("job-spec")]
public sealed record class JobSpec(
    [property: Id(0)] string FileName,
    [property: Id(1)] IReadOnlyList<string> Headers,
    [property: Id(2)] char Delimiter,
    [property: Id(3)] string ResearchQueryTemplate,
    [property: Id(4)] string PromptTemplate,
    [property: Id(5)] string Model,
    [property: Id(6)] long? RowLimit = null);
