using System.Net;

namespace PersonalizedLine.Client.Api.Auth;

/// <summary>
/// The addresses the API is configured to listen on (<c>urls</c> / <c>ASPNETCORE_URLS</c>, <c>http_ports</c> /
/// <c>https_ports</c> / <c>ASPNETCORE_HTTP_PORTS</c>, <c>Kestrel:Endpoints:*:Url</c>), and which of them reach beyond
/// this machine. Nothing configured means Kestrel's default, http://localhost:5000.
/// </summary>
public static class ListenAddresses
{
    /// <summary>Every configured address that is not loopback (a wildcard, an outside IP, a host name), for the message.</summary>
    public static IReadOnlyList<string> NonLoopback(IConfiguration configuration)
    {
        var outside = new List<string>();
        foreach (var key in new[] { "http_ports", "https_ports" })
        {
            // Ports alone bind every address.
            if (configuration[key] is { Length: > 0 } ports)
            {
                outside.AddRange(ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(port => $"*:{port} ({key})"));
            }
        }

        var urls = (configuration["urls"] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(endpoint => endpoint["Url"]).OfType<string>());
        outside.AddRange(urls.Where(url => !IsLoopback(url)));
        return outside;
    }

    /// <summary>Whether a listen URL binds loopback only: localhost, 127.x.x.x or [::1].</summary>
    public static bool IsLoopback(string url)
    {
        var afterScheme = url.IndexOf("://", StringComparison.Ordinal) is var at and >= 0 ? url[(at + 3)..] : url;
        var hostAndPort = afterScheme.Split('/')[0];
        string host;
        if (hostAndPort.StartsWith('['))
        {
            var end = hostAndPort.IndexOf(']');
            host = end > 0 ? hostAndPort[1..end] : hostAndPort;
        }
        else
        {
            host = hostAndPort.Split(':')[0];
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
