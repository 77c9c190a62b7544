using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PersonalizedLine.Grains.Interfaces.Limits;
using PersonalizedLine.Grains.Providers;

namespace PersonalizedLine.Grains.Limits;

/// <summary>
/// Where the rate limit is decided: this silo's <see cref="ProviderLimiter"/> for every limit key, and the keys
/// themselves. A key is one provider plan as the provider counts it: the endpoint, the API key (hashed, never shown),
/// and for LLMs the model, since Groq and OpenAI limit each model separately.
/// </summary>
/// <remarks>
/// In a silo the coordinator of each key is a <see cref="IProviderLimitGrain"/>; in a process without a silo (a
/// provider used on its own) it is an in-process <see cref="LocalLimitCoordinator"/> with the same arithmetic.
/// </remarks>
public sealed class ProviderLimiters(
    IServiceProvider services,
    IOptions<LlmOptions> llm,
    IOptions<ResearchOptions> research,
    TokenCostEstimator tokens,
    TimeProvider time,
    ILoggerFactory loggers) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, ProviderLimiter> _limiters = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggers.CreateLogger<ProviderLimiter>();
    private readonly IGrainFactory? _grains = services.GetService(typeof(ILocalSiloDetails)) is null ? null : (IGrainFactory?)services.GetService(typeof(IGrainFactory));
    private readonly string _silo = (services.GetService(typeof(ILocalSiloDetails)) as ILocalSiloDetails)?.SiloAddress.ToString() ?? Environment.MachineName;

    public ProviderLimiter ForResearch() => Get(ResearchSettings());

    public ProviderLimiter ForLlm(string model) => Get(LlmSettings(model));

    /// <summary>
    /// The LLM provider's Files and Batches API, a limit of its own: nothing is configured for it, so it runs freely
    /// until a 429, which pauses only it, for as long as the provider asked.
    /// </summary>
    public ProviderLimiter ForBatchApi()
    {
        var options = llm.Value;
        return Get(new ProviderLimitSettings(
            $"llm-batch-api {Endpoint(options.BaseUrl)} key {KeyHash(options.ApiKey)}", 0, 0, options.RateLimitFallbackDelay));
    }

    /// <summary>The research limit's settings (key and configured limits), also for progress.</summary>
    public ProviderLimitSettings ResearchSettings()
    {
        var options = research.Value;
        return new ProviderLimitSettings(
            $"search {Endpoint(options.BaseUrl)} key {KeyHash(options.ApiKey)}", options.RequestsPerMinute, 0, options.RateLimitFallbackDelay);
    }

    /// <summary>The LLM limit's settings for <paramref name="model"/> (the default model when blank).</summary>
    public ProviderLimitSettings LlmSettings(string? model)
    {
        var options = llm.Value;
        var name = string.IsNullOrWhiteSpace(model) ? options.Model : model.Trim();
        return new ProviderLimitSettings(
            $"llm {Endpoint(options.BaseUrl)} key {KeyHash(options.ApiKey)} model {name}",
            options.RequestsPerMinute, options.TokensPerMinute, options.RateLimitFallbackDelay);
    }

    private ProviderLimiter Get(ProviderLimitSettings settings) =>
        _limiters.GetOrAdd(settings.Key, key => new ProviderLimiter(
            settings, _grains?.GetGrain<IProviderLimitGrain>(key) ?? new LocalLimitCoordinator(key, time), tokens, _silo, time, _logger,
            _stopping.Token));

    /// <summary>
    /// When the silo starts stopping, the pumps stop leasing: the cluster's coordinators may be unreachable from here by
    /// then, and a row still waiting for a permit is abandoned and redone on another silo anyway.
    /// </summary>
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(ProviderLimiters), ServiceLifecycleStage.Active, _ => Task.CompletedTask, _ =>
        {
            _stopping.Cancel();
            return Task.CompletedTask;
        });
    }

    private static string Endpoint(string baseUrl) =>
        Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? uri.Authority + uri.AbsolutePath.TrimEnd('/') : baseUrl;

    private static string KeyHash(string? apiKey) => string.IsNullOrWhiteSpace(apiKey)
        ? "none"
        : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey.Trim())))[..8];
}
