using Refit;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// <c>POST files</c> on the LLM provider, on a client of its own: the body is not buffered (Refit's <c>Buffered</c> is
/// off) so a file of hundreds of megabytes goes from its stream to the socket in pieces, and the HTTP pipeline never
/// retries it, since a stream that has been read cannot be sent again.
/// </summary>
public interface IProviderFileUploadApi
{
    /// <param name="purpose"><c>batch</c>.</param>
    /// <param name="file">The JSONL stream with its file name.</param>
    /// <param name="tracker">Carried to the HTTP handlers to count attempts; not sent.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    [Multipart]
    [Post("files")]
    Task<ProviderFile> UploadAsync(
        [AliasAs("purpose")] string purpose,
        [AliasAs("file")] StreamPart file,
        [Property(ProviderCallTracker.OptionKey)] ProviderCallTracker tracker,
        CancellationToken cancellationToken);
}
