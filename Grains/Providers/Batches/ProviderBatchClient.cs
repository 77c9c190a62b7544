using System.Net;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Refit;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// <see cref="IProviderBatchClient"/> over the provider's Files and Batches API. JSON calls go through the same
/// resilience pipeline as chat completions (retries on 5xx, 429 and timeouts), except batch creation, which is not
/// retried after a failure; uploads use a client without retries and with <c>Llm__BatchUploadTimeout</c>; downloads
/// are streamed.
/// </summary>
public sealed class ProviderBatchClient : IProviderBatchClient
{
    /// <summary>Batches fetched per page when looking for one by its input file (OpenAI allows up to 100).</summary>
    public const int BatchPageSize = 100;

    /// <summary>How far back a lookup pages: 10 pages of batches (1,000) or of files. Older work is not resumed.</summary>
    public const int MaxPages = 10;

    private const string BatchPurpose = "batch";
    private readonly IProviderFilesApi _files;
    private readonly IProviderFileUploadApi _upload;
    private readonly IProviderBatchesApi _batches;
    private readonly ChatWireFormat _format;
    private readonly LlmOptions _options;
    private readonly BatchUploadResilience _uploadOptions;
    private readonly ProviderIdentity _identity;

    public ProviderBatchClient(
        IProviderFilesApi files, IProviderFileUploadApi upload, IProviderBatchesApi batches, ChatWireFormat format, IOptions<LlmOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _files = files;
        _upload = upload;
        _batches = batches;
        _format = format;
        _options = options.Value;
        _uploadOptions = BatchUploadResilience.From(_options);
        _identity = BatchApiIdentity.For(_options);
    }

    public Task<BatchApiAvailability> CheckAvailableAsync(CancellationToken cancellationToken) =>
        BatchApiProbe.CheckAsync(_batches, _identity, _options, cancellationToken);

    public BatchInputWriter CreateInputWriter(Stream destination) =>
        new(destination, _format, _options.MaxBatchFileBytes, _options.MaxRequestsPerBatch);

    public Task<ProviderFile?> FindFileAsync(string fileName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        return ProviderListPaging.FindAsync(
            async after =>
            {
                var list = await CallAsync(t => _files.ListAsync(BatchPurpose, after, t, cancellationToken), $"Looking for batch file {fileName}", null, cancellationToken)
                    .ConfigureAwait(false);
                return (list.Data, list.HasMore, list.LastId);
            },
            files => files.Where(f => f.FileName == fileName).MaxBy(f => f.CreatedAt),
            file => file.Id);
    }

    public async Task<ProviderFile> UploadAsync(string fileName, Stream jsonl, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(jsonl);
        var tracker = new ProviderCallTracker { RetriesFailures = false };
        var part = new StreamPart(jsonl, fileName, "application/jsonl");
        try
        {
            return await _upload.UploadAsync(BatchPurpose, part, tracker, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (BatchFailure.Translate(ex, $"Uploading batch file {fileName}", null, _identity, _uploadOptions, tracker, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }

    public async Task<bool> DeleteFileAsync(string fileId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        try
        {
            var deletion = await CallAsync(t => _files.DeleteAsync(fileId, t, cancellationToken), $"Deleting file {fileId}", $"no file {fileId}", cancellationToken)
                .ConfigureAwait(false);
            return deletion.Deleted;
        }
        catch (ProviderCallException ex) when (ex.InnerException is ApiException { StatusCode: HttpStatusCode.NotFound })
        {
            return false;
        }
    }

    public Task<ProviderBatch?> FindBatchForFileAsync(string inputFileId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputFileId);
        return ProviderListPaging.FindAsync(
            async after =>
            {
                var list = await CallAsync(
                    t => _batches.ListAsync(BatchPageSize, after, t, cancellationToken), $"Looking for the batch over file {inputFileId}", null, cancellationToken)
                    .ConfigureAwait(false);
                return (list.Data, list.HasMore, list.LastId);
            },
            batches => batches.FirstOrDefault(b => b.InputFileId == inputFileId),
            batch => batch.Id);
    }

    public Task<ProviderBatch> CreateBatchAsync(
        string inputFileId, string completionWindow, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputFileId);
        ArgumentException.ThrowIfNullOrWhiteSpace(completionWindow);
        BatchMetadata.Validate(metadata);
        var request = new CreateBatchRequest(inputFileId, BatchInputWriter.ChatEndpoint, completionWindow, metadata.Count == 0 ? null : metadata);
        return CallAsync(
            t => _batches.CreateAsync(request, t, cancellationToken), $"Starting a batch over file {inputFileId}", $"no file {inputFileId}", cancellationToken,
            new ProviderCallTracker { RetriesFailures = false });
    }

    public Task<ProviderBatch> GetBatchAsync(string batchId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(batchId);
        return CallAsync(t => _batches.GetAsync(batchId, t, cancellationToken), $"Getting batch {batchId}", $"no batch {batchId}", cancellationToken);
    }

    public async Task<ProviderBatch> CancelBatchAsync(string batchId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(batchId);
        try
        {
            return await CallAsync(t => _batches.CancelAsync(batchId, t, cancellationToken), $"Cancelling batch {batchId}", $"no batch {batchId}", cancellationToken)
                .ConfigureAwait(false);
        }
        catch (ProviderCallException ex) when (ex.InnerException is ApiException { StatusCode: HttpStatusCode.Conflict or HttpStatusCode.BadRequest })
        {
            // Too late to cancel: a batch that has finished (or is finishing) is what the caller wanted to know about.
            var batch = await GetBatchAsync(batchId, cancellationToken).ConfigureAwait(false);
            if (batch.IsFinished || batch.Status is ProviderBatchStatusNames.Cancelling or ProviderBatchStatusNames.Finalizing)
            {
                return batch;
            }

            throw;
        }
    }

    public async IAsyncEnumerable<BatchResultLine> ReadResultsAsync(string fileId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileId);
        var content = await CallAsync(
            t => _files.DownloadAsync(fileId, t, cancellationToken), $"Downloading batch file {fileId}", $"no file {fileId} (output files expire: download them soon after the batch ends)",
            cancellationToken, new ProviderCallTracker { StreamsAnswer = true }).ConfigureAwait(false);
        await foreach (var line in BatchResultReader.ReadAsync(content, fileId, _format, _options.AttemptTimeout, _identity, cancellationToken).ConfigureAwait(false))
        {
            yield return line;
        }
    }

    private async Task<T> CallAsync<T>(
        Func<ProviderCallTracker, Task<T>> call, string step, string? missing, CancellationToken cancellationToken, ProviderCallTracker? tracker = null)
    {
        tracker ??= new ProviderCallTracker();
        try
        {
            return await call(tracker).ConfigureAwait(false);
        }
        catch (Exception ex) when (BatchFailure.Translate(ex, step, missing, _identity, _options, tracker, cancellationToken) is { } failure)
        {
            throw failure;
        }
    }
}
