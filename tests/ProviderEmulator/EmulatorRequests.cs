using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PersonalizedLine.ProviderEmulator;

/// <summary>Request plumbing shared by both endpoints.</summary>
internal static class EmulatorRequests
{
    public static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        return await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits out the latency, or for ever on a <see cref="FaultKind.Hang"/>. False when the client went away
    /// or the emulator is stopping, in which case there is nobody to answer.
    /// </summary>
    public static async Task<bool> WaitAsync(HttpContext context, EndpointBehavior behavior, EmulatorClock clock, Fault? fault)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, clock.Stopping);
        try
        {
            var delay = fault?.Kind == FaultKind.Hang ? Timeout.InfiniteTimeSpan : behavior.NextDelay();
            if (delay != TimeSpan.Zero)
            {
                await Task.Delay(delay, linked.Token).ConfigureAwait(false);
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public static void AddRateLimitHeaders(HttpContext context, Fault fault)
    {
        if (fault.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        if (fault.GroqResetHeader is { } reset)
        {
            context.Response.Headers["x-ratelimit-reset-requests"] = reset;
            context.Response.Headers["x-ratelimit-reset-tokens"] = reset;
        }
    }

    /// <summary>The extra headers a <see cref="FaultKind.Status"/> fault carries (<see cref="Fault.Headers"/>), over any set before.</summary>
    public static void AddFaultHeaders(HttpContext context, Fault? fault)
    {
        if (fault is { Kind: FaultKind.Status, Headers: { } headers })
        {
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }
        }
    }

    /// <summary><c>Retry-After</c> in whole seconds, rounded up and at least 1, so waiting it is always enough.</summary>
    public static void AddRetryAfter(HttpContext context, TimeSpan wait) =>
        context.Response.Headers.RetryAfter = Math.Max(1, Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
