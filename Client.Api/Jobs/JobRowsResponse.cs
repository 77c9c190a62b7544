using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>The first finished rows of a job (GET /jobs/{id}/rows).</summary>
/// <param name="Id">The job.</param>
/// <param name="Status">Its status when the rows were read.</param>
/// <param name="TotalRows">Its rows.</param>
/// <param name="Columns">The input columns shown for each row (<see cref="FinishedRow.Cells"/>), in that order.</param>
/// <param name="Rows">Finished rows in file order: rows still running are left out, so numbers may skip.</param>
/// <param name="Truncated">
/// True when fewer rows than asked came back although more chunks exist: only the first chunks were read. Ask again
/// later, or download the partial result.
/// </param>
public sealed record JobRowsResponse(
    string Id,
    JobStatus Status,
    long TotalRows,
    IReadOnlyList<string> Columns,
    IReadOnlyList<FinishedRow> Rows,
    bool Truncated);
