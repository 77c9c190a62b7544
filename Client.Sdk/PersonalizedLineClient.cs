using Microsoft.Extensions.DependencyInjection;

namespace PersonalizedLine.Client.Sdk;

/// <summary>
/// The client for programs without a DI container: <c>using var client = PersonalizedLineClient.Create(url, key);</c>
/// then <c>client.Jobs</c>. It holds the HTTP handlers; dispose it when done.
/// </summary>
public sealed class PersonalizedLineClient : IDisposable
{
    private readonly ServiceProvider _services;

    private PersonalizedLineClient(ServiceProvider services)
    {
        _services = services;
        Jobs = services.GetRequiredService<IJobsApi>();
    }

    public IJobsApi Jobs { get; }

    /// <param name="baseUrl">The API's address.</param>
    /// <param name="apiKey">Sent as a bearer token when given.</param>
    /// <param name="configure">Adds to the HTTP client (handlers, a test server's handler).</param>
    public static PersonalizedLineClient Create(Uri baseUrl, string? apiKey = null, Action<IHttpClientBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        var http = services.AddPersonalizedLineClient(baseUrl, apiKey);
        configure?.Invoke(http);
        return new PersonalizedLineClient(services.BuildServiceProvider());
    }

    public void Dispose() => _services.Dispose();
}
