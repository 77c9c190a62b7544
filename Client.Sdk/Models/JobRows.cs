namespace PersonalizedLine.Client.Sdk.Models;

/// <summary>
/// The first finished rows of a job, in file order (rows still running are left out). <see cref="Truncated"/> says
/// only the first chunks were read: ask again later or download the partial result.
/// </summary>
public sealed record JobRows(string Id, JobStatus Status, long TotalRows, IReadOnlyList<string> Columns, IReadOnlyList<FinishedRow> Rows, bool Truncated);
