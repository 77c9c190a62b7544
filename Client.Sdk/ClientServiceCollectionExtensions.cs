using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace PersonalizedLine.Client.Sdk;

/// <summary>Registers <see cref="IJobsApi"/> for a PersonalizedLine server.</summary>
public static class ClientServiceCollectionExtensions
{
    /// <param name="services">The container.</param>
    /// <param name="baseUrl">The API's address, e.g. <c>http://localhost:5000</c>.</param>
    /// <param name="apiKey">Sent as <c>Authorization: Bearer …</c>; null sends no key (a server with <c>Auth__Mode=None</c>).</param>
    /// <returns>The HTTP client's builder, to add handlers.</returns>
    public static IHttpClientBuilder AddPersonalizedLineClient(this IServiceCollection services, Uri baseUrl, string? apiKey = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || baseUrl.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The server address must be an absolute http or https URL, not '{baseUrl}'.", nameof(baseUrl));
        }

        return services
            .AddRefitGeneratedClient<IJobsApi>(PersonalizedLineJsonContext.Default, _ => CreateSettings())
            .ConfigureHttpClient(client =>
            {
                client.BaseAddress = baseUrl;

                // Reads have their own timeout in the resilience pipeline; an upload of a large file takes as long as it takes.
                client.Timeout = Timeout.InfiniteTimeSpan;
                if (!string.IsNullOrWhiteSpace(apiKey))
                {
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey.Trim());
                }
            })
            .AddPersonalizedLineResilience();
    }

    private static RefitSettings CreateSettings() => new()
    {
        ExceptionFactory = ProblemExceptionFactory.CreateAsync,

        // The upload streams from the file to the socket instead of being copied into memory first.
        Buffered = false,
    };
}
