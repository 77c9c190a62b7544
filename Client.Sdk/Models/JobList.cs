namespace PersonalizedLine.Client.Sdk.Models;

/// <summary>One page of jobs, newest first; <see cref="Next"/> is the next page's URL, null on the last page.</summary>
public sealed record JobList(IReadOnlyList<JobSummary> Jobs, int Total, int Limit, int Offset, string? Next);
