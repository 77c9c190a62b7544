using Refit;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// An OpenAI-compatible chat completions endpoint. The path is relative (no leading slash) and resolved with
/// RFC 3986 rules against a base address ending in '/', so <c>https://api.groq.com/openai/v1</c> keeps its
/// <c>/openai/v1</c>. The bearer token is set on the HttpClient at registration.
/// </summary>
public interface IChatCompletionsApi
{
    /// <param name="request">Model, messages and sampling settings.</param>
    /// <param name="tracker">Carried to the HTTP handlers to count attempts; not sent.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    [Post("chat/completions")]
    Task<ChatCompletionResponse> CompleteAsync(
        [Body] ChatCompletionRequest request,
        [Property(ProviderCallTracker.OptionKey)] ProviderCallTracker tracker,
        CancellationToken cancellationToken);
}
