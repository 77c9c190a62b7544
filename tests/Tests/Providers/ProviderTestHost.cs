using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PersonalizedLine.Grains.Providers;
using Emulator = PersonalizedLine.ProviderEmulator.ProviderEmulator;

namespace PersonalizedLine.Tests.Providers;

/// <summary>
/// A running emulator plus the real provider clients from <see cref="ProviderServiceCollectionExtensions.AddLeadProviders"/>
/// pointed at it, with short timeouts and delays so failure paths run in milliseconds.
/// </summary>
internal sealed class ProviderTestHost : IAsyncDisposable
{
    public const string SearchKey = "test-serper-key";
    public const string LlmKey = "test-llm-key";

    private ProviderTestHost(Emulator emulator, ServiceProvider services)
    {
        Emulator = emulator;
        Services = services;
    }

    public Emulator Emulator { get; }

    public ServiceProvider Services { get; }

    public IResearchProvider Research => Services.GetRequiredService<IResearchProvider>();

    public ILineWriter Writer => Services.GetRequiredService<ILineWriter>();

    public IProviderBatchClient Batches => Services.GetRequiredService<IProviderBatchClient>();

    /// <param name="configure">Changes the settings before the services are built.</param>
    /// <param name="services">Adds to the services after the providers are registered (e.g. a handler under every client).</param>
    public static async Task<ProviderTestHost> StartAsync(
        Action<Dictionary<string, string?>>? configure = null, Action<IServiceCollection>? services = null)
    {
        var emulator = await Emulator.StartAsync(new() { SearchApiKey = SearchKey, LlmApiKey = LlmKey });
        var settings = new Dictionary<string, string?>
        {
            ["Research:BaseUrl"] = emulator.SearchBaseUrl.ToString(),
            ["Research:ApiKey"] = SearchKey,
            ["Llm:BaseUrl"] = emulator.LlmBaseUrl.ToString(),
            ["Llm:ApiKey"] = LlmKey,
        };
        foreach (var section in new[] { "Research", "Llm" })
        {
            settings[$"{section}:AttemptTimeout"] = "00:00:05";
            settings[$"{section}:TotalTimeout"] = "00:00:30";
            settings[$"{section}:MaxRetries"] = "3";
            settings[$"{section}:MaxRateLimitWaits"] = "3";
            settings[$"{section}:RetryBaseDelay"] = "00:00:00.010";
            settings[$"{section}:RateLimitFallbackDelay"] = "00:00:00.050";
        }

        configure?.Invoke(settings);
        return new ProviderTestHost(emulator, BuildServices(settings, services));
    }

    public static ServiceProvider BuildServices(Dictionary<string, string?> settings, Action<IServiceCollection>? extra = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLeadProviders(configuration);
        extra?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static LineRequest Line(string firstName = "Ada", string company = "Acme Robotics") => new(
        "Write one opening line. No preamble.",
        $"first_name: {firstName}\ncompany: {company}\ntitle: CTO\n<research>Acme builds robots.</research>",
        "llama-3.1-8b-instant",
        new Dictionary<string, string> { ["first_name"] = firstName, ["company"] = company, ["title"] = "CTO" },
        "Acme builds robots.");

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
