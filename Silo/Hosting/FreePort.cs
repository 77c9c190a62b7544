using System.Net;
using System.Net.Sockets;

namespace PersonalizedLine.Silo.Hosting;

/// <summary>Asks the OS for an unused loopback port.</summary>
public static class FreePort
{
    public static int Pick()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
