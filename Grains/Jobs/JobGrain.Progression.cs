using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;

namespace PersonalizedLine.Grains.Jobs;

/// <summary>How a job moves on: chunks' reports, the window, the provider batch, completion, and the reconciliation that asks chunks for their written counts.</summary>
public sealed partial class JobGrain
{
    public async Task ReportChunk(ChunkReport report)
    {
        if (!Exists)
        {
            return;
        }

        var outcome = JobReports.Apply(Job, report);
        if (outcome == ChunkReportOutcome.Updated)
        {
            await PersistAsync();
        }
        else if (outcome != ChunkReportOutcome.Ignored)
        {
            await AdvanceAsync();
        }
    }

    public async Task BatchesDelivered()
    {
        if (!Exists || Job.BatchesDelivered)
        {
            return;
        }

        Job.BatchesDelivered = true;
        await PersistAsync();
        await ReconcileAsync();
    }

    /// <summary>
    /// Moves the job on after its chunks changed: fills the window, starts the provider batch once every chunk is
    /// researched, completes the job once every chunk is. The new state is written first, then the chunks are started,
    /// and what they answer is applied the same way.
    /// </summary>
    private async Task AdvanceAsync()
    {
        while (true)
        {
            var toStart = Job.Status == JobStatus.Running ? ChunkWindow.Fill(Job, ChunkWindowSize()) : [];
            var startBatch = Job.Spec!.Mode == JobMode.Batch && Job.Generation == 0 && !Job.BatchStarted && Job.Status == JobStatus.Running
                && Job.NextChunkToStart == Job.ChunkCount && Job.ActiveChunks.Count == 0 && Job.AwaitingBatch.Count > 0;
            Job.BatchStarted |= startBatch;
            // A batch-mode job is complete once its provider batches are delivered too, so its status shows them finished.
            var finished = Job.Status == JobStatus.Running && Job.CompletedTotals.Chunks == Job.ChunkCount
                && (!Job.BatchStarted || Job.BatchesDelivered);
            if (finished)
            {
                Job.Status = JobStatus.Completed;
                Job.FinishedAt = Clock.GetUtcNow();
            }

            await PersistAsync();
            if (finished)
            {
                LogJobCompleted(Logger, JobId, Job.CompletedTotals.Succeeded, Job.CompletedTotals.Failed);
                await OnFinishedAsync();
            }

            if (startBatch)
            {
                await StartBatchAsync();
            }

            if (toStart.Count == 0 || !ApplyReports(await AskChunksAsync(toStart, chunk => chunk.Start(CurrentStart))))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Asks every unfinished chunk for its written counts (starting it again if it was lost with its silo, pausing it
    /// if the job is paused) and applies them: a chunk that completed without its report reaching the job is counted.
    /// </summary>
    private async Task ReconcileAsync()
    {
        if (Job.Status is not (JobStatus.Running or JobStatus.Paused))
        {
            return;
        }

        try
        {
            // Chunks waiting for the provider batch need nothing until it has delivered; then they finish online.
            var chunks = Job.BatchesDelivered || Job.Status == JobStatus.Paused
                ? Job.ActiveChunks.Keys.Concat(Job.AwaitingBatch.Keys).ToList()
                : Job.ActiveChunks.Keys.ToList();
            var reports = Job.Status == JobStatus.Paused
                ? await AskChunksAsync(chunks, chunk => chunk.Pause())
                : await AskChunksAsync(chunks, chunk => chunk.Start(CurrentStart));
            ApplyReports(reports);
            await AdvanceAsync();
            if (Job.BatchStarted && !Job.BatchesDelivered && Job.Status == JobStatus.Running)
            {
                await StartBatchAsync();
            }
        }
        catch (Exception ex)
        {
            LogReconcileFailed(Logger, ex, JobId);
        }
    }

    /// <summary>Applies chunks' answers; true when one of them completed or left the window, so the job can move on.</summary>
    private bool ApplyReports(IEnumerable<ChunkReport> reports) =>
        reports.Select(report => JobReports.Apply(Job, report)).ToList()
            .Any(outcome => outcome is ChunkReportOutcome.Completed or ChunkReportOutcome.AwaitsBatch);

    /// <summary>Asks chunks in parallel; one that does not answer is asked again on the next reconciliation.</summary>
    private async Task<IReadOnlyList<ChunkReport>> AskChunksAsync(IReadOnlyCollection<int> indices, Func<IChunkGrain, Task<ChunkReport?>> ask)
    {
        var answers = await Task.WhenAll(indices.Select(async index =>
        {
            try
            {
                return await ask(Chunk(index));
            }
            catch (Exception ex)
            {
                LogChunkUnreachable(Logger, ex, JobId, index);
                return null;
            }
        }));
        return answers.OfType<ChunkReport>().ToList();
    }

    /// <summary>Hands the researched chunks to the job's provider batch; repeated by the reconciliation until the batch grain took them.</summary>
    private Task StartBatchAsync() =>
        GrainFactory.GetGrain<IProviderBatchGrain>(JobId).Start(Job.AwaitingBatch.Keys.Order().ToList());
}
