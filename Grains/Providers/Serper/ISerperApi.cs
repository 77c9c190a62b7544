using Refit;

namespace PersonalizedLine.Grains.Providers;

/// <summary>Serper's search endpoint. The <c>X-API-KEY</c> header is set on the HttpClient at registration.</summary>
public interface ISerperApi
{
    /// <param name="request">The query and locale.</param>
    /// <param name="tracker">Carried to the HTTP handlers to count attempts; not sent.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    [Post("search")]
    Task<SerperSearchResponse> SearchAsync(
        [Body] SerperSearchRequest request,
        [Property(ProviderCallTracker.OptionKey)] ProviderCallTracker tracker,
        CancellationToken cancellationToken);
}
