using System.Net;
using System.Net.Sockets;

namespace PersonalizedLine.Grains.Webhooks;

/// <summary>
/// Resolves a webhook host to the addresses it may be sent to: every address when private networks are allowed,
/// otherwise only if none of them is private. Used at submission and again when a delivery connects, since a
/// name's addresses can change in between.
/// </summary>
/// <param name="allowPrivateNetworks"><c>Webhook__AllowPrivateNetworks</c>.</param>
/// <param name="resolve">The name resolver (DNS); tests pass their own.</param>
public sealed class WebhookAddressGuard(bool allowPrivateNetworks, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
{
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve = resolve ?? Dns.GetHostAddressesAsync;

    /// <param name="host">A host name or an IP literal (IPv6 with or without brackets).</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <exception cref="WebhookUrlRejectedException">The name does not resolve, or resolves to a refused address.</exception>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var bare = host.Trim('[', ']');
        if (IPAddress.TryParse(bare, out var literal))
        {
            Check(host, literal, literal);
            return [literal];
        }

        IPAddress[] addresses;
        try
        {
            addresses = await _resolve(bare, cancellationToken);
        }
        catch (SocketException ex)
        {
            throw new WebhookUrlRejectedException($"The webhook host '{bare}' cannot be resolved ({ex.SocketErrorCode}). Check the webhookUrl's host name.");
        }

        if (addresses.Length == 0)
        {
            throw new WebhookUrlRejectedException($"The webhook host '{bare}' has no address. Check the webhookUrl's host name.");
        }

        // Any private address refuses the name: otherwise a name could mix a public and an internal address.
        foreach (var address in addresses)
        {
            Check(bare, address, literal: null);
        }

        return addresses;
    }

    private void Check(string host, IPAddress address, IPAddress? literal)
    {
        if (allowPrivateNetworks || PrivateAddresses.KindOf(address) is not { } kind)
        {
            return;
        }

        var where = literal is null ? $"'{host}' resolves to {address}, a {kind} address" : $"{address} is a {kind} address";
        throw new WebhookUrlRejectedException(
            $"The webhookUrl is refused: {where}. Webhooks go to public addresses only; to reach a receiver inside your own network, set Webhook__AllowPrivateNetworks=true on the server.");
    }
}
