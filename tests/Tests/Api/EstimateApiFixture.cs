using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Api;

/// <summary>
/// The API with provider limits and a price table set, for estimates computed by hand. Its own process-level host and
/// emulator: the limits would slow the shared API fixture's jobs, and the emulator's counters prove no call is made.
/// </summary>
public sealed class EstimateApiFixture : IAsyncLifetime
{
    public const string PricedModel = "priced-model";
    public const decimal InputPerMillion = 2m;
    public const decimal OutputPerMillion = 4m;
    public const decimal SearchesPerThousand = 5m;
    public const int LlmRequestsPerMinute = 30;
    public const int ResearchRequestsPerMinute = 60;
    public const int LlmTokensPerMinute = 1_000_000;

    private WebApplicationFactory<Program> _factory = null!;

    public ProviderEmulator.ProviderEmulator Emulator { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await ProviderEmulator.ProviderEmulator.StartAsync();
        var settings = PipelineSettings.For(Emulator, maxConcurrentRowsPerSilo: 10);
        settings["Llm:RequestsPerMinute"] = LlmRequestsPerMinute.ToString();
        settings["Llm:TokensPerMinute"] = LlmTokensPerMinute.ToString();
        settings["Research:RequestsPerMinute"] = ResearchRequestsPerMinute.ToString();
        settings[$"Pricing:Models:{PricedModel}:InputPerMillion"] = InputPerMillion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings[$"Pricing:Models:{PricedModel}:OutputPerMillion"] = OutputPerMillion.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Pricing:SearchesPerThousand"] = SearchesPerThousand.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
        Http = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        await Emulator.DisposeAsync();
    }
}
