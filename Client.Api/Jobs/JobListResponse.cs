namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>One page of the caller's jobs, newest first. <see cref="Next"/> is the next page's URL, null on the last page.</summary>
public sealed record JobListResponse(
    IReadOnlyList<JobSummaryResponse> Jobs,
    int Total,
    int Limit,
    int Offset,
    string? Next);
