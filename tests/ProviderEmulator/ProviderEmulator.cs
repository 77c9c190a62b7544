using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PersonalizedLine.ProviderEmulator.BatchApi;

namespace PersonalizedLine.ProviderEmulator;

/// <summary>
/// A real HTTP server on 127.0.0.1 (random free port) speaking Serper's <c>POST /search</c> and the OpenAI
/// <c>POST /v1/chat/completions</c> wire formats, and OpenAI's Files and Batches API (<c>/v1/files</c>,
/// <c>/v1/batches</c>), with scriptable latency and faults, for tests and benchmarks. Its state is in memory and
/// outlives any client: a product cluster can restart and find its files and batches where it left them.
/// Answers wait with <see cref="Task.Delay(TimeSpan, CancellationToken)"/>, so thousands of slow requests can be
/// in flight without holding threads.
/// </summary>
public sealed class ProviderEmulator : IAsyncDisposable
{
    private const string SearchPath = "/search";
    private const string ChatPath = "/v1/chat/completions";

    private readonly WebApplication _app;
    private readonly EmulatorClock _clock;

    private ProviderEmulator(
        WebApplication app, EmulatorClock clock, EndpointBehavior search, EndpointBehavior llm, BatchBehavior batches, SiloConcurrency silos, Uri baseUrl)
    {
        _app = app;
        _clock = clock;
        Search = search;
        Llm = llm;
        Batches = batches;
        Silos = silos;
        BaseUrl = baseUrl;
    }

    /// <summary><c>http://127.0.0.1:PORT</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Base URL for a Serper client (<c>/search</c> hangs off it).</summary>
    public Uri SearchBaseUrl => BaseUrl;

    /// <summary>Base URL for an OpenAI-compatible client: <c>http://127.0.0.1:PORT/v1</c>.</summary>
    public Uri LlmBaseUrl => new(BaseUrl, "/v1");

    public int Port => BaseUrl.Port;

    /// <summary>Behaviour and counters of <c>POST /search</c>.</summary>
    public EndpointBehavior Search { get; }

    /// <summary>Behaviour and counters of <c>POST /v1/chat/completions</c> (online calls only, not requests run in batches).</summary>
    public EndpointBehavior Llm { get; }

    /// <summary>Behaviour, scripts, counters and stored state of the Files and Batches API.</summary>
    public BatchBehavior Batches { get; }

    /// <summary>Chat calls in flight per calling silo, from the product's silo header.</summary>
    public SiloConcurrency Silos { get; }

    public static async Task<ProviderEmulator> StartAsync(EmulatorOptions? options = null)
    {
        options ??= new EmulatorOptions();
        var clock = new EmulatorClock();
        var search = new EndpointBehavior(options.SearchLatency, options.RecordedRequestLimit, options.AdmittedLogLimit);
        var llm = new EndpointBehavior(options.LlmLatency, options.RecordedRequestLimit, options.AdmittedLogLimit);
        var batches = new BatchBehavior(options);
        var silos = new SiloConcurrency();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        // A burst of a thousand clients connects at once: the default accept backlog (512) would refuse some.
        builder.WebHost.UseSockets(o => o.Backlog = 4096);
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 4096;
            // Clients under load may send bodies slowly; the emulator should not be the one timing out.
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Listen(IPAddress.Loopback, 0);
        });

        var app = builder.Build();
        var searchEndpoint = new SearchEndpoint(search, options, clock);
        var chatEndpoint = new ChatEndpoint(llm, options, clock);
        app.Use(CountPerSilo(silos));
        app.MapPost(SearchPath, (RequestDelegate)searchEndpoint.HandleAsync);
        app.MapPost(ChatPath, (RequestDelegate)chatEndpoint.HandleAsync);
        app.MapBatchApi(batches, options, clock);

        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new ProviderEmulator(app, clock, search, llm, batches, silos, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Requests received by both endpoints since start or the last reset (the Files and Batches API not included).</summary>
    public long TotalRequests => Search.TotalRequests + Llm.TotalRequests;

    /// <summary>Requests being answered right now by both endpoints.</summary>
    public long TotalInFlight => Search.InFlight + Llm.InFlight;

    /// <summary>Resets every endpoint's counters and recorded requests; stored files and batches stay.</summary>
    public void ResetCounters()
    {
        Search.ResetCounters();
        Llm.ResetCounters();
        Batches.ResetCounters();
        Silos.Reset();
    }

    /// <summary>
    /// Every endpoint back to fresh: no latency, faults, rules or scripts, zeroed counters, no stored files or batches.
    /// Tests sharing an emulator start with it.
    /// </summary>
    public void Reset()
    {
        Search.Reset();
        Llm.Reset();
        Batches.Reset();
        Silos.Reset();
    }

    /// <summary>Time since the emulator started, on the same clock as <see cref="RecordedRequest.SinceStart"/>.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Counts a chat call against its silo from its arrival until its answer is written.</summary>
    private static Func<HttpContext, RequestDelegate, Task> CountPerSilo(SiloConcurrency silos) =>
        async (context, next) =>
        {
            using var call = context.Request.Path == ChatPath
                ? silos.Enter(context.Request.Headers[SiloConcurrency.HeaderName].ToString())
                : null;
            await next(context).ConfigureAwait(false);
        };

    public async ValueTask DisposeAsync()
    {
        // End hanging and delayed answers first, so shutdown does not wait for them.
        _clock.Stop();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _clock.Dispose();
    }
}
