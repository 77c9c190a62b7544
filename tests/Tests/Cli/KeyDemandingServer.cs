using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PersonalizedLine.Silo.Hosting;

namespace PersonalizedLine.Tests.Cli;

/// <summary>A server on 127.0.0.1 that answers every request 401, as the API does without a valid key, and records the keys it was sent.</summary>
public sealed class KeyDemandingServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KeyDemandingServer(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    /// <summary>The Authorization header of each request ("" when it had none).</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    public static async Task<KeyDemandingServer> StartAsync()
    {
        var url = $"http://127.0.0.1:{FreePort.Pick()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new KeyDemandingServer(app, url);
        app.Run(async context =>
        {
            server.Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.ContentType = "application/problem+json";
            await context.Response.WriteAsync("""{"title":"Unauthorized","status":401,"detail":"Send an API key."}""");
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
