using System.Net.Http;
using System.Net.Sockets;

namespace PersonalizedLine.Grains.Webhooks;

/// <summary>
/// Opens a delivery's TCP connection to an address the guard accepts, checked at the moment of connecting: the host
/// was checked at submission, but its DNS answer may have changed since (DNS rebinding), and redirects are not followed.
/// A refused address fails the attempt with <see cref="WebhookUrlRejectedException"/> inside the HTTP error.
/// </summary>
public sealed class WebhookConnector(WebhookAddressGuard guard)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await guard.ResolveAsync(context.DnsEndPoint.Host, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
