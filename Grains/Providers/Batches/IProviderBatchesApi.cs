using Refit;

namespace PersonalizedLine.Grains.Providers;

/// <summary>OpenAI's Batches API on the LLM provider; paths are relative, resolved against <c>Llm__BaseUrl</c>.</summary>
public interface IProviderBatchesApi
{
    /// <param name="request">The input file, endpoint, completion window and metadata.</param>
    /// <param name="tracker">Must say <see cref="ProviderCallTracker.RetriesFailures"/> false: a retry could start the batch twice.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    [Post("batches")]
    Task<ProviderBatch> CreateAsync(
        [Body] CreateBatchRequest request,
        [Property(ProviderCallTracker.OptionKey)] ProviderCallTracker tracker,
        CancellationToken cancellationToken);

    [Get("batches/{id}")]
    Task<ProviderBatch> GetAsync(string id, [Property(ProviderCallTracker.OptionKey)] ProviderCallTracker tracker, CancellationToken cancellationToken);

    /// <param name="limit">Batches per page, newest first (OpenAI: 1 to 100).</param>
    /// <param name="after">The cursor of the next page (the last id of the previous one); null for the first page.</param>
    /// <param name="tracker">Carried to the HTTP handlers to count attempts; not sent.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    [Get("batches")]
    Task<ProviderBatchList> ListAsync(
        [AliasAs("limit")] int limit,
        [AliasAs("after")] string? after,
        [Property(ProviderCallTracker.OptionKey)] ProviderCallTracker tracker,
        CancellationToken cancellationToken);

    [Post("batches/{id}/cancel")]
    Task<ProviderBatch> CancelAsync(string id, [Property(ProviderCallTracker.OptionKey)] ProviderCallTracker tracker, CancellationToken cancellationToken);
}
