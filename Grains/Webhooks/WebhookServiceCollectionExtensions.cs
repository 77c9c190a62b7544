using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PersonalizedLine.Grains.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Webhook settings (validated at start-up) and the submission check; with <paramref name="delivers"/> (a silo)
    /// also the sender and its HttpClient. The client has no retry handler on purpose: the grain's retries are
    /// durable and recorded, a handler's would be neither.
    /// </summary>
    public static IServiceCollection AddJobWebhooks(this IServiceCollection services, bool delivers = true)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new WebhookUrlValidator(provider.GetRequiredService<IOptions<WebhookOptions>>()));
        if (!delivers)
        {
            return services;
        }

        services.AddHttpClient(WebhookSender.ClientName)
            .ConfigureHttpClient((provider, client) => client.Timeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.Timeout)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectCallback = new WebhookConnector(
                    new WebhookAddressGuard(provider.GetRequiredService<IOptions<WebhookOptions>>().Value.AllowPrivateNetworks)).ConnectAsync,
            });
        services.TryAddSingleton<WebhookSender>();
        return services;
    }
}
