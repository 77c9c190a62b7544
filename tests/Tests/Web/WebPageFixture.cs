using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Web;

/// <summary>
/// The API on a real Kestrel port on 127.0.0.1 (a browser cannot reach the in-memory test server), with its embedded
/// silo and the provider emulator behind it, and headless Chromium from Debian's <c>chromium</c> package. A derived
/// fixture adds settings of its own (API keys) through <see cref="ConfigureAsync"/>.
/// </summary>
public class WebPageFixture : IAsyncLifetime
{
    /// <summary>Where Debian's package puts the browser; Playwright's own download needs internet access.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly TempDataDirectory _data = new();
    private WebApplicationFactory<Program> _factory = null!;

    public ProviderEmulator.ProviderEmulator Emulator { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            // Not a skip: a browser test that silently does not run would pass in CI without testing anything.
            throw new InvalidOperationException(
                $"The browser tests need Chromium at {ChromiumPath}. Install it with: apt-get install -y chromium (as root; .ci/run does this).");
        }

        Emulator = await ProviderEmulator.ProviderEmulator.StartAsync();
        // A few rows at a time, each taking a moment: the page shows the job running before it shows it finished.
        Emulator.Search.Latency = TimeSpan.FromMilliseconds(20);
        Emulator.Llm.Latency = TimeSpan.FromMilliseconds(500);
        var settings = PipelineSettings.For(Emulator, maxConcurrentRowsPerSilo: 4);
        _data.AddTo(settings);
        await ConfigureAsync(settings);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            foreach (var (key, value) in settings)
            {
                web.UseSetting(key, value);
            }
        });
        _factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());

        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>Adds to or changes the API's settings before it starts.</summary>
    protected virtual Task ConfigureAsync(IDictionary<string, string?> settings) => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        // The browser first, so its open event streams end before the server stops.
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await _factory.DisposeAsync();
        await Emulator.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>A fresh browser context (its own session storage and downloads) sized like a laptop screen.</summary>
    public async Task<IPage> OpenPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
            AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        return page;
    }

    /// <summary>Where screenshots go: $ARTIFACTS_DIR when CI sets it, else next to the test assembly.</summary>
    public static string ArtifactPath(string fileName)
    {
        var directory = Environment.GetEnvironmentVariable("ARTIFACTS_DIR") is { Length: > 0 } artifacts
            ? artifacts
            : Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, fileName);
    }
}
