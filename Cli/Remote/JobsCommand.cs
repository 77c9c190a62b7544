namespace PersonalizedLine.Cli.Remote;

/// <summary>A <c>jobs …</c> verb: which one, the job it concerns, and its options.</summary>
/// <param name="Verb">list, status, cancel, retry, resume or download.</param>
/// <param name="JobId">The job (every verb but list).</param>
/// <param name="OutputPath">download: where the file goes (null: the job's file name with .personalized.csv).</param>
/// <param name="Transient">retry: only rows that failed on timeouts, 5xx, rate limits or cancellation.</param>
/// <param name="Partial">download: the rows done so far of a running job.</param>
/// <param name="Limit">list: how many jobs (1-100).</param>
public sealed record JobsCommand(string Verb, string? JobId, string? OutputPath = null, bool Transient = false, bool Partial = false, int? Limit = null)
{
    public static readonly IReadOnlyList<string> Verbs = ["list", "status", "cancel", "retry", "resume", "download"];
}
