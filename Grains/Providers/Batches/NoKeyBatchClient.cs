using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// The Batch API client when no LLM key is configured: lines are written offline, so there is no provider to batch
/// with. The probe says so; every provider call throws the same message. Writing input files needs no provider and works.
/// </summary>
public sealed class NoKeyBatchClient(ChatWireFormat format, IOptions<LlmOptions> options) : IProviderBatchClient
{
    public static readonly string Message =
        $"mode=batch needs a real LLM: set {LlmOptions.SectionName}__ApiKey (or {LlmOptions.FallbackApiKeyName}). " +
        "Without a key, lines are written offline and there is no provider to send batches to.";

    public Task<BatchApiAvailability> CheckAvailableAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new BatchApiAvailability(BatchApiStatus.NoApiKey, Message));

    public BatchInputWriter CreateInputWriter(Stream destination) =>
        new(destination, format, options.Value.MaxBatchFileBytes, options.Value.MaxRequestsPerBatch);

    public Task<ProviderFile?> FindFileAsync(string fileName, CancellationToken cancellationToken) => Unavailable<ProviderFile?>();

    public Task<ProviderFile> UploadAsync(string fileName, Stream jsonl, CancellationToken cancellationToken) => Unavailable<ProviderFile>();

    public Task<bool> DeleteFileAsync(string fileId, CancellationToken cancellationToken) => Unavailable<bool>();

    public Task<ProviderBatch?> FindBatchForFileAsync(string inputFileId, CancellationToken cancellationToken) => Unavailable<ProviderBatch?>();

    public Task<ProviderBatch> CreateBatchAsync(
        string inputFileId, string completionWindow, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken) =>
        Unavailable<ProviderBatch>();

    public Task<ProviderBatch> GetBatchAsync(string batchId, CancellationToken cancellationToken) => Unavailable<ProviderBatch>();

    public Task<ProviderBatch> CancelBatchAsync(string batchId, CancellationToken cancellationToken) => Unavailable<ProviderBatch>();

#pragma warning disable CS1998 // An iterator that fails when enumerated, like every other call here.
    public async IAsyncEnumerable<BatchResultLine> ReadResultsAsync(string fileId, [EnumeratorCancellation] CancellationToken cancellationToken)
#pragma warning restore CS1998
    {
        yield return await Unavailable<BatchResultLine>().ConfigureAwait(false);
    }

    private static Task<T> Unavailable<T>() => Task.FromException<T>(new ProviderCallException(Message));
}
