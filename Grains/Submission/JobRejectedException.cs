namespace PersonalizedLine.Grains.Submission;

/// <summary>The file is readable but the job cannot run as asked (e.g. a template names a missing column).</summary>
public sealed class JobRejectedException(IReadOnlyList<string> problems)
    : Exception(string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
