using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Limits;
using Refit;

namespace PersonalizedLine.Grains.Providers;

/// <summary>
/// Registers <see cref="IProviderBatchClient"/> and the three Refit clients under it, all on <c>Llm__BaseUrl</c> with the
/// LLM key and the Batch API's own rate limit (<see cref="ProviderLimitKind.BatchApi"/>):
/// <list type="bullet">
/// <item>files and batches: buffered JSON, the LLM's resilience settings (retries on 5xx, 429, timeouts);</item>
/// <item>upload: an unbuffered body streamed from the caller's stream, no retries, <c>Llm__BatchUploadTimeout</c>.</item>
/// </list>
/// </summary>
internal static class BatchClientRegistration
{
    public static IServiceCollection AddProviderBatchClient(this IServiceCollection services)
    {
        static LlmOptions Llm(IServiceProvider sp) => sp.GetRequiredService<IOptions<LlmOptions>>().Value;
        static ProviderIdentity Identity(IServiceProvider sp) => BatchApiIdentity.For(Llm(sp));

        services.AddRefitGeneratedClient<IProviderFilesApi>(BatchJsonContext.Default, _ => ProviderServiceCollectionExtensions.CreateRefitSettings())
            .ConfigureHttpClient((sp, client) => Configure(client, Llm(sp), Llm(sp)))
            .AddProviderHandlers("llm-files", ProviderLimitKind.BatchApi, Llm, Identity);

        services.AddRefitGeneratedClient<IProviderBatchesApi>(BatchJsonContext.Default, _ => ProviderServiceCollectionExtensions.CreateRefitSettings())
            .ConfigureHttpClient((sp, client) => Configure(client, Llm(sp), Llm(sp)))
            .AddProviderHandlers("llm-batches", ProviderLimitKind.BatchApi, Llm, Identity);

        services.AddRefitGeneratedClient<IProviderFileUploadApi>(
                BatchJsonContext.Default, _ => ProviderServiceCollectionExtensions.CreateRefitSettings(buffered: false))
            .ConfigureHttpClient((sp, client) => Configure(client, Llm(sp), BatchUploadResilience.From(Llm(sp))))
            .AddProviderHandlers("llm-file-upload", ProviderLimitKind.BatchApi, sp => BatchUploadResilience.From(Llm(sp)), Identity);

        services.TryAddSingleton(sp => new ChatWireFormat(sp.GetRequiredService<SettingsFor<IChatCompletionsApi>>()));
        services.TryAddSingleton<IProviderBatchClient>(sp => Llm(sp).HasApiKey
            ? ActivatorUtilities.CreateInstance<ProviderBatchClient>(sp)
            : ActivatorUtilities.CreateInstance<NoKeyBatchClient>(sp));
        return services;
    }

    private static void Configure(HttpClient client, LlmOptions llm, ProviderResilienceOptions timeouts)
    {
        ProviderServiceCollectionExtensions.ConfigureClient(client, llm.BaseUrl, timeouts);
        if (llm.HasApiKey)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", llm.ApiKey);
        }
    }
}
