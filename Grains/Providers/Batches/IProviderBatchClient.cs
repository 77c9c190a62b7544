namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// The LLM provider's Batch API (OpenAI's Files and Batches API, also Groq's): write requests into a file, upload it,
/// start a batch, follow it, and stream its results back. Every call is safe to repeat after a crash if the caller
/// looks first: <see cref="FindFileAsync"/> before <see cref="UploadAsync"/>, <see cref="FindBatchForFileAsync"/> before
/// <see cref="CreateBatchAsync"/>; neither upload nor creation is retried by the HTTP pipeline after a failure, since
/// either could then happen twice. Failures are <see cref="ProviderCallException"/>s with messages for a person.
/// </summary>
public interface IProviderBatchClient
{
    /// <summary>Asks the provider whether it has a Batch API and accepts the key. Never throws for what the provider answers.</summary>
    Task<BatchApiAvailability> CheckAvailableAsync(CancellationToken cancellationToken);

    /// <summary>A writer for a batch input file on <paramref name="destination"/>, with the configured size and request limits.</summary>
    BatchInputWriter CreateInputWriter(Stream destination);

    /// <summary>The newest batch input file uploaded under <paramref name="fileName"/>, or null.</summary>
    Task<ProviderFile?> FindFileAsync(string fileName, CancellationToken cancellationToken);

    /// <summary>
    /// Uploads <paramref name="jsonl"/> (from its position to its end, streamed, never held whole in memory) as a batch
    /// input file named <paramref name="fileName"/>, within <c>Llm__BatchUploadTimeout</c>. The stream is not disposed.
    /// Not retried: on failure, look for the file by name (and compare its size), then upload again.
    /// </summary>
    Task<ProviderFile> UploadAsync(string fileName, Stream jsonl, CancellationToken cancellationToken);

    /// <summary>Deletes a file; false when the provider has no such file (already deleted).</summary>
    Task<bool> DeleteFileAsync(string fileId, CancellationToken cancellationToken);

    /// <summary>The newest batch over <paramref name="inputFileId"/> among the provider's recent batches, or null.</summary>
    Task<ProviderBatch?> FindBatchForFileAsync(string inputFileId, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a batch over an uploaded file, for <c>/v1/chat/completions</c>. Not retried after a 5xx or timeout (it could
    /// start twice, and bill twice): on failure, call <see cref="FindBatchForFileAsync"/> before creating again.
    /// </summary>
    /// <param name="inputFileId">The uploaded input file.</param>
    /// <param name="completionWindow">E.g. <c>24h</c> (<c>Llm__BatchCompletionWindow</c>).</param>
    /// <param name="metadata">Up to 16 pairs, keys up to 64 and values up to 512 characters (OpenAI's limits).</param>
    /// <param name="cancellationToken">The caller's token.</param>
    Task<ProviderBatch> CreateBatchAsync(
        string inputFileId, string completionWindow, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken);

    Task<ProviderBatch> GetBatchAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>Asks the provider to stop the batch; a batch that has already finished is returned as it is.</summary>
    Task<ProviderBatch> CancelBatchAsync(string batchId, CancellationToken cancellationToken);

    /// <summary>
    /// Streams a batch's output or error file line by line, in the file's order (not the input's). A line that cannot be
    /// read comes back as a result whose error says so; a broken download, or one that sends nothing for
    /// <c>Llm__AttemptTimeout</c>, throws, and the file can be read again. Output files expire at the provider: read them
    /// soon after the batch ends.
    /// </summary>
    IAsyncEnumerable<BatchResultLine> ReadResultsAsync(string fileId, CancellationToken cancellationToken);
}
