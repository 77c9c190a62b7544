using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace PersonalizedLine.Tests.Providers;

/// <summary>
/// A handler just above the socket of every provider client in a test's services: everything above it (Refit, the
/// resilience pipeline, the permit handler) is the real client. A test may answer a request in place of the provider
/// (a 503 once, a file that arrives slowly) and sees what reached the wire.
/// </summary>
internal sealed class TransportTap
{
    private readonly ConcurrentQueue<string> _sent = new();

    /// <summary>Returns an answer to send instead of the provider's, or null to let the request through.</summary>
    public Func<HttpRequestMessage, HttpResponseMessage?>? Answer { get; set; }

    /// <summary>Runs when a request reaches the wire, before it is sent.</summary>
    public Action<HttpRequestMessage>? OnSend { get; set; }

    /// <summary>"METHOD path" of every request that reached the wire, answered by the tap or not.</summary>
    public IReadOnlyList<string> Sent => [.. _sent];

    public int Count(string methodAndPath) => _sent.Count(s => s == methodAndPath);

    /// <summary>Adds the tap under every HTTP client; call after the providers are registered, so it comes innermost.</summary>
    public void AddTo(IServiceCollection services) =>
        services.ConfigureAll<HttpClientFactoryOptions>(options =>
            options.HttpMessageHandlerBuilderActions.Add(builder => builder.AdditionalHandlers.Add(new TransportTapHandler(this))));

    internal HttpResponseMessage? Observe(HttpRequestMessage request)
    {
        _sent.Enqueue($"{request.Method} {request.RequestUri?.AbsolutePath}");
        OnSend?.Invoke(request);
        return Answer?.Invoke(request);
    }
}
