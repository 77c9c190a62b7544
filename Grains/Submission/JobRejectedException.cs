namespace PersonalizedLine.Grains.Submission;

/// <summary>
/// The file is readable but the job cannot run as asked (e.g. a template names a missing column, or batch mode is
/// asked of a provider without a Batch API).
/// </summary>
public sealed class JobRejectedException(IReadOnlyList<string> problems, string title = JobRejectedException.TemplatesTitle)
    : Exception(string.Join(" ", problems))
{
    public const string TemplatesTitle = "The templates do not match the file";

    public IReadOnlyList<string> Problems { get; } = problems;

    /// <summary>A short title for what is wrong, for an API problem answer.</summary>
    public string Title { get; } = title;

    /// <summary>
    /// The problems by the upload form field they concern (<c>file</c>, <c>prompt</c>, <c>researchQuery</c>, …), so a
    /// form can show each next to its field; empty when none is known.
    /// </summary>
    public IReadOnlyDictionary<string, string[]> FieldErrors { get; init; } = new Dictionary<string, string[]>();
}
