using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.JobIndex;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Providers;
using PersonalizedLine.Grains.Telemetry;

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
    /// <param name="tenant">Whose job it is: the job's grain key is composed from it (see <see cref="JobKeys"/>).</param>
    /// <param name="admitRows">
    /// Told the row count once the whole file is stored and before the job starts (a per-tenant daily quota); throwing
    /// discards the job.
    /// </param>
    public async Task<JobProgress> SubmitAsync(
        Stream csv, JobRequest request, Func<CancellationToken, Task>? beforeStart, CancellationToken cancellationToken,
        string tenant = Tenants.Default, Func<long, CancellationToken, Task>? admitRows = null)
    {
        var limits = upload.Value;
        await using var file = await JobFile.OpenAsync(new UploadCountingStream(csv), request, limits, llm.Value, cancellationToken, _clock.GetUtcNow());
        var spec = file.Spec;
        if (spec.Mode == JobMode.Batch && await grains.GetGrain<IBatchApiProbeGrain>(0).ProblemWithBatchMode() is { } problem)
        {
            // Before anything is created or searched: the job could never get its lines.
            throw new JobRejectedException([problem], "Batch mode is not available");
        }

        var jobId = JobKeys.For(tenant, Guid.NewGuid().ToString("N"))!;
        using var activity = JobTracing.StartSubmit(jobId);
        var job = grains.GetGrain<IJobGrain>(jobId);
        try
        {
            await CallAsync(token => new ValueTask(job.Create(spec)), cancellationToken);
            var rows = await UploadRowsAsync(file, job, limits.BatchRows, cancellationToken);
            if (beforeStart is not null)
            {
                await beforeStart(cancellationToken);
            }

            if (admitRows is not null)
            {
                await admitRows(rows, cancellationToken);
            }

            return await CallAsync(token => new ValueTask<JobProgress>(job.Seal(rows, file.Warnings)), cancellationToken);
        }
        catch (JobConflictException conflict) when (conflict.Status is JobStatus.Cancelled or JobStatus.Failed)
        {
            throw; // Cancelled (or failed) during its upload: the job says so itself, and has already deleted its rows.
        }
        catch (Exception ex)
        {
            await DiscardAsync(job, ex.Message);
            throw;
        }
    }

    /// <summary>Deletes the half-made job; if the cluster does not answer, the job's upload watchdog deletes it later.</summary>
    private static async Task DiscardAsync(IJobGrain job, string reason)
    {
        try
        {
            await job.Abort(reason);
        }
        catch (Exception)
        {
            // Jobs__UploadTimeout after its last rows, the job's own reminder fails it and deletes its rows.
        }
    }

    private static Task CallAsync(Func<CancellationToken, ValueTask> call, CancellationToken cancellationToken) =>
        CallAsync(async token =>
        {
            await call(token);
            return true;
        }, cancellationToken);

    /// <summary>A call to the job, retried while the cluster recovers; when it does not, the upload is over and says so.</summary>
    private static async Task<T> CallAsync<T>(Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await ClusterCallRetry.Pipeline.ExecuteAsync(call, cancellationToken);
        }
        catch (Exception ex) when (ClusterCallRetry.IsTransient(ex))
        {
            throw new UploadInterruptedException(
                $"The upload could not be stored: the cluster did not answer for about {ClusterCallRetry.Budget.TotalMinutes:0.#} minutes " +
                $"({ex.Message}). Nothing of this upload was kept; upload the file again.", ex);
        }
    }

    /// <summary>Sends the rows in numbered batches (each call may be repeated safely); returns how many rows were sent.</summary>
    private static async Task<long> UploadRowsAsync(JobFile file, IJobGrain job, int batchRows, CancellationToken cancellationToken)
    {
        var batch = new List<ChunkRow>(batchRows);
        long batchChars = 0;
        long sent = 0;
        var number = 0;
        await foreach (var row in file.ReadRowsAsync(cancellationToken))
        {
            batch.Add(new ChunkRow(row.LineNumber, row.Cells.ToArray(), row.Problem));
            batchChars += row.Cells.Sum(cell => (long)cell.Length);

            // Bounded by characters too, so a file of huge cells never makes one oversized grain message.
            if (batch.Count >= batchRows || batchChars >= MaxBatchChars)
            {
                sent += await AppendAsync(job, number++, batch, cancellationToken);
                batchChars = 0;
            }
        }

        if (batch.Count > 0)
        {
            sent += await AppendAsync(job, number, batch, cancellationToken);
        }

        return sent;
    }

    private static async Task<int> AppendAsync(IJobGrain job, int number, List<ChunkRow> batch, CancellationToken cancellationToken)
    {
        var rows = batch.ToArray();
        batch.Clear();
        await CallAsync(token => new ValueTask(job.AppendRows(number, rows)), cancellationToken);
        return rows.Length;
    }
}
