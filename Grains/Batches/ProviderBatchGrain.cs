using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Batches;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.Batches;

/// <summary>
/// A batch-mode job's LLM work at the provider's Batch API. Once every chunk is researched: write the round's
/// requests as JSONL parts within the provider's limits, upload each (<c>purpose=batch</c>), start a batch per file,
/// poll them, and hand each finished batch's answers to the chunks; rows a batch left unanswered are asked online (or
/// go into a second batch round, <c>Llm__BatchRetry</c>). Every step is persisted before the next starts, and a
/// restart picks up at the step it stopped at (see <see cref="ProviderBatchPart"/>), so nothing is uploaded or
/// started twice and no answer is lost.
/// </summary>
/// <remarks>
/// Work runs in the background of the activation, never inside a grain call: an upload or an output download may take
/// minutes. A timer polls every <c>Llm__BatchPollInterval</c> while the grain is active; a reminder (at least a minute
/// apart) brings it back after a restart, and the job's own reminder asks it to go on too.
/// </remarks>
public sealed partial class ProviderBatchGrain(
    [PersistentState("batch", StorageNames.Jobs)] IPersistentState<ProviderBatchState> state,
    IProviderBatchClient client,
    IOptions<LlmOptions> llm,
    ILogger<ProviderBatchGrain> logger) : Grain, IProviderBatchGrain, IRemindable
{
    private const string PollReminder = "provider-batch";
    private const int MaxRounds = 2;
    private const int AnswersPerDelivery = 1_000;

    private Task? _advancing;
    private IGrainTimer? _timer;

    private ProviderBatchState Batch => state.State;

    private string JobId => this.GetPrimaryKeyString();

    private bool IsActive => Batch.Phase is BatchPhase.Writing or BatchPhase.Submitted or BatchPhase.Cancelling;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (IsActive)
        {
            Resume();
        }

        return Task.CompletedTask;
    }

    public async Task Start(IReadOnlyList<int> chunkIndices)
    {
        if (Batch.Phase == BatchPhase.NotStarted)
        {
            Batch.RoundChunks = [.. chunkIndices];
            Batch.Phase = BatchPhase.Writing;
            await state.WriteStateAsync();
            var period = llm.Value.BatchPollInterval < TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : llm.Value.BatchPollInterval;
            await this.RegisterOrUpdateReminder(PollReminder, period, period);
            LogStarted(logger, JobId, chunkIndices.Count);
        }

        if (IsActive)
        {
            Resume();
        }
    }

    public Task<ProviderBatchProgress?> GetStatus() => Task.FromResult<ProviderBatchProgress?>(Batch.Phase == BatchPhase.NotStarted ? null :
        new ProviderBatchProgress(
            Batch.Phase switch
            {
                BatchPhase.Writing => "uploading",
                BatchPhase.Submitted => "submitted",
                BatchPhase.Finished => "finished",
                BatchPhase.Cancelling => "cancelling",
                _ => "cancelled",
            },
            Batch.Round,
            Batch.Parts.Select(part => new ProviderBatchPartProgress(part.BatchId, part.Status, part.Requests, part.Completed, part.Failed, part.Delivered)).ToList()));

    /// <summary>Persists the decision and returns; the provider batches are cancelled in the background, until they all are.</summary>
    public async Task Cancel()
    {
        if (Batch.Phase is not (BatchPhase.Writing or BatchPhase.Submitted))
        {
            return;
        }

        Batch.Phase = BatchPhase.Cancelling;
        await state.WriteStateAsync();
        Resume();
    }

    /// <summary>
    /// The job is deleted: the provider's batches are cancelled (so it stops working and billing for them), the local
    /// files and the state are deleted and polling stops. The background step in progress is let finish first, so it
    /// cannot write the state back.
    /// </summary>
    public async Task Delete()
    {
        var wasActive = IsActive;
        Batch.Phase = BatchPhase.Cancelled;
        _timer?.Dispose();
        _timer = null;
        if (_advancing is { IsCompleted: false } advancing)
        {
            try
            {
                await advancing.WaitAsync(TimeSpan.FromMinutes(1));
            }
            catch (Exception ex)
            {
                LogDeleteWaitFailed(logger, ex, JobId);
            }
        }

        if (wasActive)
        {
            try
            {
                await CancelAtProviderAsync();
            }
            catch (Exception ex)
            {
                LogDeleteWaitFailed(logger, ex, JobId);
            }
        }

        foreach (var part in Batch.Parts)
        {
            File.Delete(LocalPath(part.FileName));
        }

        await StopPollingAsync();
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (IsActive)
        {
            Resume();
            return Task.CompletedTask;
        }

        return StopPollingAsync();
    }

    /// <summary>Starts the background work unless it runs already, and the poll timer.</summary>
    private void Resume()
    {
        var interval = llm.Value.BatchPollInterval;
        _timer ??= this.RegisterGrainTimer(_ =>
        {
            Advance();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
        Advance();
    }

    private void Advance()
    {
        if (_advancing is { IsCompleted: false })
        {
            return;
        }

        _advancing = AdvanceAsync();
    }

    private async Task AdvanceAsync()
    {
        try
        {
            while (Batch.Phase == BatchPhase.Writing)
            {
                await WriteNextPartAsync();
            }

            if (Batch.Phase == BatchPhase.Submitted)
            {
                await PollAsync();
            }

            if (Batch.Phase == BatchPhase.Cancelling)
            {
                await CancelAtProviderAsync();
            }
        }
        catch (Exception ex)
        {
            // Persisted so far; the next tick goes on from there.
            LogStepFailed(logger, ex, JobId, Batch.Phase);
        }

        if (!IsActive)
        {
            await StopPollingAsync();
        }
    }

    private async Task WriteNextPartAsync()
    {
        var settings = llm.Value;
        var part = Batch.Parts.LastOrDefault(p => p.Round == Batch.Round && p.BatchId is null && p.Requests > 0);
        var path = part is null ? null : LocalPath(part.FileName);
        if (part is null)
        {
            if (Batch.NextChunk >= Batch.RoundChunks.Count)
            {
                Batch.Phase = BatchPhase.Submitted;
                await state.WriteStateAsync();
                return;
            }

            var index = Batch.Parts.Count(p => p.Round == Batch.Round);
            part = new ProviderBatchPart { Round = Batch.Round, From = Batch.NextChunk, FileName = $"personalizedline-{JobKeys.ForFileName(JobId)}-round{Batch.Round}-part{index}.jsonl" };
            path = LocalPath(part.FileName);
            var (to, requests, bytes, chunks) = await new BatchFileWriter(GrainFactory, client).WriteAsync(JobId, Batch.RoundChunks, part.From, null, path, CancellationToken.None);
            (part.To, part.Requests, part.Bytes, part.Chunks) = (to, requests, bytes, chunks);
            if (requests == 0)
            {
                // Nothing to send: the rows of these chunks were settled (e.g. cancelled) since they were researched.
                (part.Status, part.Delivered) = ("empty", true);
            }

            Batch.Parts.Add(part);
            Batch.NextChunk = to;
            await state.WriteStateAsync();
            if (requests == 0)
            {
                File.Delete(path);
                return;
            }
        }

        if (part.FileId is null)
        {
            var uploaded = await client.FindFileAsync(part.FileName, CancellationToken.None);
            if (uploaded is null)
            {
                if (!File.Exists(path))
                {
                    // Written by another silo, or lost in a restart: the same chunks give the same file.
                    await new BatchFileWriter(GrainFactory, client).WriteAsync(JobId, Batch.RoundChunks, part.From, part.To, path!, CancellationToken.None);
                }

                await using var file = File.OpenRead(path!);
                uploaded = await client.UploadAsync(part.FileName, file, CancellationToken.None);
                LogUploaded(logger, JobId, part.FileName, part.Requests, part.Bytes);
            }

            part.FileId = uploaded.Id;
            await state.WriteStateAsync();
        }

        if (File.Exists(path))
        {
            File.Delete(path);
        }

        var batch = await client.FindBatchForFileAsync(part.FileId, CancellationToken.None)
            ?? await client.CreateBatchAsync(part.FileId, settings.BatchCompletionWindow,
                new Dictionary<string, string> { ["job"] = JobId, ["round"] = part.Round.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                CancellationToken.None);
        part.BatchId = batch.Id;
        part.Status = batch.Status;
        await state.WriteStateAsync();
        LogBatchCreated(logger, JobId, batch.Id, part.Requests);
    }

    private async Task CancelAtProviderAsync()
    {
        // Asked until the provider has it: an answer it still writes is never read.
        string[] settled = [ProviderBatchStatusNames.Cancelling, ProviderBatchStatusNames.Cancelled, ProviderBatchStatusNames.Completed,
            ProviderBatchStatusNames.Failed, ProviderBatchStatusNames.Expired];
        foreach (var part in Batch.Parts.Where(part => part.BatchId is not null && !part.Delivered && !settled.Contains(part.Status)))
        {
            part.Status = (await client.CancelBatchAsync(part.BatchId!, CancellationToken.None)).Status;
            await state.WriteStateAsync();
        }

        Batch.Phase = BatchPhase.Cancelled;
        await state.WriteStateAsync();
        LogCancelled(logger, JobId);
    }

    private async Task PollAsync()
    {
        foreach (var part in Batch.Parts.Where(p => p.Round == Batch.Round && !p.Delivered && p.BatchId is not null))
        {
            var batch = await client.GetBatchAsync(part.BatchId!, CancellationToken.None);
            (part.Status, part.Completed, part.Failed, part.Error) = (batch.Status, batch.RequestCounts?.Completed ?? 0, batch.RequestCounts?.Failed ?? 0, batch.FirstErrorMessage);
            if (batch.IsFinished)
            {
                await DeliverAsync(part, batch);
                part.Delivered = true;
                LogDelivered(logger, JobId, part.BatchId!, batch.Status, part.Completed, part.Failed);
            }

            await state.WriteStateAsync();
        }

        if (Batch.Parts.Where(p => p.Round == Batch.Round).All(p => p.Delivered))
        {
            await FinishRoundAsync();
        }
    }

    /// <summary>Streams the output and error files to the chunks, a thousand answers at a time, then settles each chunk's rest.</summary>
    private async Task DeliverAsync(ProviderBatchPart part, ProviderBatch batch)
    {
        var pending = new Dictionary<int, List<BatchAnswer>>();
        var buffered = 0;
        foreach (var fileId in new[] { batch.OutputFileId, batch.ErrorFileId }.OfType<string>())
        {
            await foreach (var line in client.ReadResultsAsync(fileId, CancellationToken.None))
            {
                if (ChunkOf(part, line.CustomId) is not { } chunk)
                {
                    continue;
                }

                (pending.TryGetValue(chunk, out var answers) ? answers : pending[chunk] = []).Add(BatchAnswers.From(line));
                if (++buffered >= AnswersPerDelivery)
                {
                    await DeliverPendingAsync(pending);
                    buffered = 0;
                }
            }
        }

        await DeliverPendingAsync(pending);
        var final = new BatchDelivery([], true, UnansweredPolicy(), UnansweredReason(batch));
        foreach (var chunk in part.Chunks)
        {
            var left = await GrainFactory.GetGrain<IChunkGrain>(ChunkKeys.Chunk(JobId, chunk.ChunkIndex)).DeliverBatch(final);
            if (left > 0 && !Batch.ChunksLeft.Contains(chunk.ChunkIndex))
            {
                Batch.ChunksLeft.Add(chunk.ChunkIndex);
            }
        }
    }

    private async Task DeliverPendingAsync(Dictionary<int, List<BatchAnswer>> pending)
    {
        foreach (var (chunk, answers) in pending)
        {
            await GrainFactory.GetGrain<IChunkGrain>(ChunkKeys.Chunk(JobId, chunk))
                .DeliverBatch(new BatchDelivery(answers, false, UnansweredRows.RetryOnline, string.Empty));
        }

        pending.Clear();
    }

    private async Task FinishRoundAsync()
    {
        if (Batch.ChunksLeft.Count > 0 && Batch.Round < MaxRounds && llm.Value.BatchRetry == BatchRetryMode.Batch)
        {
            Batch.Round++;
            Batch.RoundChunks = [.. Batch.ChunksLeft.Order()];
            Batch.ChunksLeft = [];
            Batch.NextChunk = 0;
            Batch.Phase = BatchPhase.Writing;
            await state.WriteStateAsync();
            LogNextRound(logger, JobId, Batch.Round, Batch.RoundChunks.Count);
            return;
        }

        Batch.Phase = BatchPhase.Finished;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IJobGrain>(JobId).BatchesDelivered();
    }

    private UnansweredRows UnansweredPolicy() => llm.Value.BatchRetry switch
    {
        BatchRetryMode.Batch when Batch.Round < MaxRounds => UnansweredRows.NextBatch,
        BatchRetryMode.Batch => UnansweredRows.Fail,
        _ => UnansweredRows.RetryOnline,
    };

    private static string UnansweredReason(ProviderBatch batch) => batch.Status switch
    {
        "expired" => "the provider batch expired before this request was done",
        "failed" => $"the provider batch failed{(batch.FirstErrorMessage is null ? string.Empty : ": " + batch.FirstErrorMessage)}",
        "cancelled" => "the provider batch was cancelled",
        _ => "the provider batch returned no answer for this request",
    };

    private static int? ChunkOf(ProviderBatchPart part, string? customId)
    {
        if (Chunks.BatchCustomId.TryParse(customId) is not { } id)
        {
            return null;
        }

        return part.Chunks.FirstOrDefault(chunk => id.FirstRow >= chunk.FirstRow && id.FirstRow <= chunk.LastRow)?.ChunkIndex;
    }

    private async Task StopPollingAsync()
    {
        _timer?.Dispose();
        _timer = null;
        if (await this.GetReminder(PollReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private static string LocalPath(string fileName) => Path.Combine(Path.GetTempPath(), "personalizedline-batches", fileName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: while deleting the job, its provider batches could not all be cancelled")]
    private static partial void LogDeleteWaitFailed(ILogger logger, Exception exception, string jobId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: provider batch mode starts for {Chunks} researched chunks")]
    private static partial void LogStarted(ILogger logger, string jobId, int chunks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: uploaded {FileName} ({Requests} requests, {Bytes} bytes)")]
    private static partial void LogUploaded(ILogger logger, string jobId, string fileName, int requests, long bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: provider batch {BatchId} started with {Requests} requests")]
    private static partial void LogBatchCreated(ILogger logger, string jobId, string batchId, int requests);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: provider batch {BatchId} ended {Status} ({Completed} completed, {Failed} failed); answers delivered")]
    private static partial void LogDelivered(ILogger logger, string jobId, string batchId, string status, int completed, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: batch round {Round} for the rows left in {Chunks} chunks")]
    private static partial void LogNextRound(ILogger logger, string jobId, int round, int chunks);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId}: a provider batch step failed while {Phase}; it is tried again on the next tick")]
    private static partial void LogStepFailed(ILogger logger, Exception exception, string jobId, BatchPhase phase);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: its provider batches are cancelled")]
    private static partial void LogCancelled(ILogger logger, string jobId);
}
