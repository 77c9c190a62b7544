using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.Submission;

/// <summary>
/// Streams a CSV into a new job: header and templates are checked before anything is created or any provider
/// is called, rows go to the job grain in batches, and a file that turns out malformed half-way discards the
/// job, so a rejected upload leaves nothing behind. A preview (<see cref="JobRequest.RowLimit"/>) takes only the
/// first rows. Used by the HTTP API and the command line alike.
/// </summary>
public sealed class JobSubmitter(IGrainFactory grains, IOptions<UploadOptions> upload, IOptions<LlmOptions> llm, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    private const long MaxBatchChars = 1_000_000;

    /// <param name="csv">The file, read once as it streams in.</param>
    /// <param name="request">Templates and model asked for.</param>
    /// <param name="beforeStart">Runs after the last row is uploaded and before the job starts; throwing discards the job.</param>
    /// <param name="cancellationToken">Cancels the upload; the job is discarded.</param>
    public async Task<JobProgress> SubmitAsync(
        Stream csv, JobRequest request, Func<CancellationToken, Task>? beforeStart, CancellationToken cancellationToken)
    {
        var limits = upload.Value;
        await using var file = await JobFile.OpenAsync(csv, request, limits, llm.Value, cancellationToken, _clock.GetUtcNow());
        var spec = file.Spec;
        if (spec.Mode == JobMode.Batch && await grains.GetGrain<IBatchApiProbeGrain>(0).ProblemWithBatchMode() is { } problem)
        {
            // Before anything is created or searched: the job could never get its lines.
            throw new JobRejectedException([problem], "Batch mode is not available");
        }

        var jobId = Guid.NewGuid().ToString("N");
        var job = grains.GetGrain<IJobGrain>(jobId);
        await job.Create(spec);
        try
        {
            await UploadRowsAsync(file, job, limits.BatchRows, cancellationToken);
            if (beforeStart is not null)
            {
                await beforeStart(cancellationToken);
            }

            return await job.Seal();
        }
        catch (Exception ex)
        {
            await job.Abort(ex.Message);
            throw;
        }
    }

    private static async Task UploadRowsAsync(JobFile file, IJobGrain job, int batchRows, CancellationToken cancellationToken)
    {
        var batch = new List<ChunkRow>(batchRows);
        long batchChars = 0;
        await foreach (var row in file.ReadRowsAsync(cancellationToken))
        {
            batch.Add(new ChunkRow(row.LineNumber, row.Cells.ToArray(), row.Problem));
            batchChars += row.Cells.Sum(cell => (long)cell.Length);

            // Bounded by characters too, so a file of huge cells never makes one oversized grain message.
            if (batch.Count >= batchRows || batchChars >= MaxBatchChars)
            {
                await job.AppendRows(batch.ToArray());
                batch.Clear();
                batchChars = 0;
            }
        }

        if (batch.Count > 0)
        {
            await job.AppendRows(batch.ToArray());
        }
    }
}
