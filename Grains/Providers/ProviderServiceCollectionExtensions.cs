using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using PersonalizedLine.Grains.Limits;
using PersonalizedLine.Grains.Telemetry;
using Refit;

namespace PersonalizedLine.Grains.Providers;

/// <summary>Registers the research provider and line writer, real or offline depending on the configured keys.</summary>
public static class ProviderServiceCollectionExtensions
{
    public static IServiceCollection AddLeadProviders(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(TimeProvider.System);
        AddOptions<ResearchOptions, ResearchOptionsValidator>(services, configuration, ResearchOptions.SectionName, ResearchOptions.FallbackApiKeyName,
            o => o.ApiKey, (o, key) => o.ApiKey = key);
        AddOptions<LlmOptions, LlmOptionsValidator>(services, configuration, LlmOptions.SectionName, LlmOptions.FallbackApiKeyName,
            o => o.ApiKey, (o, key) => o.ApiKey = key);

        services.AddRefitGeneratedClient<ISerperApi>(SerperJsonContext.Default, _ => CreateRefitSettings())
            .ConfigureHttpClient((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<ResearchOptions>>().Value;
                ConfigureClient(client, options.BaseUrl, options);
                if (options.HasApiKey)
                {
                    client.DefaultRequestHeaders.TryAddWithoutValidation("X-API-KEY", options.ApiKey);
                }
            })
            .AddProviderHandlers(
                "serper", ProviderLimitKind.Research, sp => sp.GetRequiredService<IOptions<ResearchOptions>>().Value,
                sp => ProviderIdentity.ForResearch(sp.GetRequiredService<IOptions<ResearchOptions>>().Value));

        services.AddRefitGeneratedClient<IChatCompletionsApi>(OpenAiJsonContext.Default, _ => CreateRefitSettings())
            .ConfigureHttpClient((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
                ConfigureClient(client, options.BaseUrl, options);
                if (options.HasApiKey)
                {
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
                }
            })
            .AddProviderHandlers(
                "llm", ProviderLimitKind.Llm, sp => sp.GetRequiredService<IOptions<LlmOptions>>().Value,
                sp => ProviderIdentity.ForLlm(sp.GetRequiredService<IOptions<LlmOptions>>().Value));

        services.AddProviderBatchClient();

        // Singletons: the typed clients they hold use long-lived handlers (see AddProviderHandlers), so nothing goes stale.
        services.TryAddSingleton<IResearchProvider>(sp => sp.GetRequiredService<IOptions<ResearchOptions>>().Value.HasApiKey
            ? ActivatorUtilities.CreateInstance<SerperResearchProvider>(sp)
            : new OfflineResearchProvider());
        services.TryAddSingleton<ILineWriter>(sp => sp.GetRequiredService<IOptions<LlmOptions>>().Value.HasApiKey
            ? ActivatorUtilities.CreateInstance<OpenAiCompatibleLineWriter>(sp)
            : new OfflineLineWriter());
        services.TryAddSingleton<ProviderLimiters>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<ProviderLimiters>());
        services.TryAddSingleton<TokenCostEstimator>();
        services.TryAddSingleton<AdvertisedTokenLimits>();
        services.AddHostedService<ProviderStartupNotice>();
        return services;
    }

    private static void AddOptions<TOptions, TValidator>(
        IServiceCollection services, IConfiguration configuration, string section, string fallbackKeyName,
        Func<TOptions, string?> getKey, Action<TOptions, string?> setKey)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(section))
            .PostConfigure(options =>
            {
                // The provider's conventional variable (SERPER_API_KEY, GROQ_API_KEY) works as a fallback key.
                if (string.IsNullOrWhiteSpace(getKey(options)))
                {
                    var fallback = configuration[fallbackKeyName];
                    setKey(options, string.IsNullOrWhiteSpace(fallback) ? null : fallback.Trim());
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }

    /// <summary>
    /// The handlers every provider client has, outermost first: the resilience pipeline named <paramref name="pipelineName"/>
    /// (nothing to retry when the options allow no retries), then the permit of <paramref name="limit"/> with the
    /// attempt's timeouts, then the attempt counter, then the header naming the calling silo. <paramref name="identity"/> names
    /// the provider in account problems.
    /// </summary>
    internal static IHttpClientBuilder AddProviderHandlers(
        this IHttpClientBuilder builder, string pipelineName, ProviderLimitKind limit, Func<IServiceProvider, ProviderResilienceOptions> options,
        Func<IServiceProvider, ProviderIdentity> identity)
    {
        // The resilience pipeline logs what matters (retries, rate limits); per-request HttpClient logging at
        // hundreds of rows a second would only cost CPU.
        builder.RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler)
            // The pooled handler recycles connections itself (PooledConnectionLifetime), so the factory need not
            // rotate handlers, and a singleton provider may keep its client.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(pipelineName, (pipeline, context) => ProviderResiliencePipeline.Configure(pipeline, options(context.ServiceProvider)));

        // Added after the resilience handler, so they sit inside it and see every attempt: first the permit of the
        // cluster-wide limit (and the attempt's timeouts), then the attempt counter.
        builder.AddHttpMessageHandler(sp => new ProviderPermitHandler(
            sp.GetRequiredService<ProviderLimiters>(),
            sp.GetRequiredService<TokenCostEstimator>(),
            options(sp),
            limit,
            sp.GetRequiredService<TimeProvider>(),
            identity(sp),
            sp.GetRequiredService<AdvertisedTokenLimits>()));
        builder.AddHttpMessageHandler(() => new AttemptTrackingHandler());
        builder.AddHttpMessageHandler(sp => new ProviderMetricsHandler(ProviderMetrics.NameOf(limit), sp.GetService<ILocalSiloDetails>()?.Name));
        builder.AddHttpMessageHandler(sp => new SiloHeaderHandler(sp.GetService<ILocalSiloDetails>()?.Name));
        return builder;
    }

    /// <param name="buffered">
    /// True for small JSON bodies: a buffered body can be sent again by every retry. False only for a client that
    /// streams its body and is never retried.
    /// </param>
    internal static RefitSettings CreateRefitSettings(bool buffered = true) => new()
    {
        // Resolve "chat/completions" against ".../openai/v1/" the way HttpClient does, keeping the base path.
        UrlResolution = UrlResolutionMode.Rfc3986,
        Buffered = buffered,
    };

    internal static void ConfigureClient(HttpClient client, string baseUrl, ProviderResilienceOptions options)
    {
        client.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute);
        // Polly owns the timeouts (per attempt and in total, both stopped while a request waits for a rate-limit
        // permit) and the rate-limit wait budget bounds the waits; HttpClient's own timeout would count those waits
        // too and end a call that is only queued, so it is off.
        client.Timeout = Timeout.InfiniteTimeSpan;
    }

    private static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        // Rows talk to one host each, up to ~1000 at once; do not queue them behind a per-host connection cap.
        MaxConnectionsPerServer = int.MaxValue,
        // Recycle connections so DNS changes (provider failover) are picked up.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        EnableMultipleHttp2Connections = true,
        AutomaticDecompression = DecompressionMethods.All,
    };
}
