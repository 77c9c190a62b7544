using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Api;

/// <summary>
/// The API as users run it with no cluster configured: one process with an embedded silo, real provider clients, the
/// emulator behind them. Fixtures add their own settings in <see cref="Configure"/>.
/// </summary>
public abstract class ApiHostFixture(int maxConcurrentRowsPerSilo) : IAsyncLifetime
{
    private readonly TempDataDirectory _data = new();
    private WebApplicationFactory<Program> _factory = null!;

    public ProviderEmulator.ProviderEmulator Emulator { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>
    /// A client that streams a request body as it is written, for uploads that stall half-way. The default client
    /// follows redirects, and to do so reads a request's whole body before sending it.
    /// </summary>
    public HttpClient CreateStreamingClient() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>A handler that sends requests to the in-memory server, for clients built outside the factory (the typed client).</summary>
    public HttpMessageHandler CreateHandler() => _factory.Server.CreateHandler();

    /// <summary>The app's services (its embedded silo's grain factory among them), to set up what the API cannot.</summary>
    public IServiceProvider Services => _factory.Services;

    public async Task InitializeAsync()
    {
        Emulator = await ProviderEmulator.ProviderEmulator.StartAsync();
        var settings = PipelineSettings.For(Emulator, maxConcurrentRowsPerSilo);
        _data.AddTo(settings);
        Configure(settings);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureServices(ConfigureServices);
        });
        Http = _factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await _factory.DisposeAsync();
        await Emulator.DisposeAsync();
        _data.Dispose();
    }

    protected abstract void Configure(Dictionary<string, string?> settings);

    /// <summary>Services a fixture adds to the app (an in-memory trace exporter); none by default.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }
}
