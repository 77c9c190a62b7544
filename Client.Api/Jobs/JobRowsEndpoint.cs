using System.Security.Claims;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Interfaces.Rows;

namespace PersonalizedLine.Client.Api.Jobs;

/// <summary>
/// GET /jobs/{id}/rows: the first finished rows of a job, as JSON, for a look at the lines while it runs. Bounded for
/// a job of a million rows: chunks are read in file order and reading stops at the limit or after
/// <see cref="MaxChunksRead"/> chunks, whichever comes first.
/// </summary>
public static class JobRowsEndpoint
{
    public const int DefaultLimit = 20;

    public const int MaxLimit = 100;

    /// <summary>
    /// Chunks start in file order, so the first finished rows sit in the first chunks; past this many the answer
    /// says so (<see cref="JobRowsResponse.Truncated"/>) instead of reading on through the job.
    /// </summary>
    public const int MaxChunksRead = 10;

    public static RouteHandlerBuilder MapJobRows(this RouteGroupBuilder group) =>
        group.MapGet("/{id}/rows", GetRows)
            .WithSummary($"The first finished rows in file order (?limit=1..{MaxLimit}, default {DefaultLimit}), each with its row and line number, the lead's name and company columns, the line, and its status and error: a look at the results while the job runs. Reads at most the first {MaxChunksRead} chunks.")
            .Produces<JobRowsResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> GetRows(string id, int? limit, ClaimsPrincipal user, IGrainFactory grains)
    {
        var wanted = limit ?? DefaultLimit;
        if (wanted is < 1 or > MaxLimit)
        {
            return ApiProblems.Problem(StatusCodes.Status400BadRequest, "Bad limit",
                $"limit must be a whole number from 1 to {MaxLimit} (got {wanted}): how many finished rows to show.");
        }

        var key = JobsApi.KeyOf(user, id);
        var manifest = key is null ? null : await grains.GetGrain<IJobGrain>(key).GetManifest();
        if (key is null || manifest is null)
        {
            return JobsApi.NotFoundJob(id);
        }

        var columns = LeadColumns.Choose(manifest.Spec.Headers);
        var rows = new List<FinishedRow>(wanted);
        long rowNumber = 0;
        var chunksToRead = Math.Min(manifest.ChunkCount, MaxChunksRead);
        var chunk = 0;
        for (; chunk < chunksToRead && rows.Count < wanted; chunk++)
        {
            var output = await grains.GetGrain<IChunkGrain>(ChunkKeys.Chunk(key, chunk)).GetOutput();
            for (var index = 0; index < output.Rows.Count && rows.Count < wanted; index++)
            {
                rowNumber++;
                if (output.Results.Count > index && output.Results[index] is { IsFinal: true } result)
                {
                    var cells = output.Rows[index].Cells;
                    rows.Add(new FinishedRow(
                        rowNumber,
                        output.Rows[index].LineNumber,
                        columns.Select(column => column.Index < cells.Count ? cells[column.Index] : string.Empty).ToList(),
                        result.Line,
                        result.Status == RowStatus.Failed ? "failed" : "ok",
                        string.IsNullOrEmpty(result.Error) ? null : result.Error));
                }
            }
        }

        var truncated = rows.Count < wanted && chunk < manifest.ChunkCount;
        return TypedResults.Ok(new JobRowsResponse(id, manifest.Status, manifest.TotalRows, columns.Select(c => c.Name).ToList(), rows, truncated));
    }
}
