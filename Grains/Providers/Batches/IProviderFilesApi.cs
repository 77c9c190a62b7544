using Refit;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// OpenAI's Files API on the LLM provider, for batch files. Paths are relative, resolved against <c>Llm__BaseUrl</c> like
/// <see cref="IChatCompletionsApi"/>. Uploads go through <see cref="IProviderFileUploadApi"/>, which streams.
/// </summary>
public interface IProviderFilesApi
{
    /// <param name="purpose"><c>batch</c> for input files.</param>
    /// <param name="after">The cursor of the next page (the last id of the previous one); null for the first page.</param>
    /// <param name="tracker">Carried to the HTTP handlers to count attempts; not sent.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    [Get("files")]
    Task<ProviderFileList> ListAsync(
        [AliasAs("purpose")] string purpose,
        [AliasAs("after")] string? after,
        [Property(ProviderCallTracker.OptionKey)] ProviderCallTracker tracker,
        CancellationToken cancellationToken);

    [Get("files/{id}")]
    Task<ProviderFile> GetAsync(string id, [Property(ProviderCallTracker.OptionKey)] ProviderCallTracker tracker, CancellationToken cancellationToken);

    [Delete("files/{id}")]
    Task<FileDeletion> DeleteAsync(string id, [Property(ProviderCallTracker.OptionKey)] ProviderCallTracker tracker, CancellationToken cancellationToken);

    /// <summary>
    /// The file's bytes as a stream, returned once the headers are in; the caller reads and disposes it. The tracker
    /// must say <see cref="ProviderCallTracker.StreamsAnswer"/>, or the pipeline would buffer the file to check it.
    /// </summary>
    [Get("files/{id}/content")]
    Task<Stream> DownloadAsync(string id, [Property(ProviderCallTracker.OptionKey)] ProviderCallTracker tracker, CancellationToken cancellationToken);
}
