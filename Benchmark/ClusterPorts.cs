using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace PersonalizedLine.Benchmark;

/// <summary>
/// Free loopback ports for everything <c>scripts/cluster</c> listens on, given to it as its port variables, so the
/// benchmark's cluster never collides with one a developer runs on the defaults. Silo I listens on
/// <c>SILO_PORT_BASE + I</c> (likewise the gateway and HTTP ports), so each base is followed by as many free ports as
/// there are silos.
/// </summary>
public sealed record ClusterPorts(int Redis, int Postgres, int Api, int SiloBase, int GatewayBase, int HttpBase)
{
    private const int Attempts = 100;

    /// <summary>
    /// Holds every port picked until all are picked, so no two overlap; the script starts its servers on them right
    /// after they are let go.
    /// </summary>
    public static ClusterPorts Pick(int silos)
    {
        var held = new List<TcpListener>();
        try
        {
            return new ClusterPorts(
                Redis: Single(held),
                Postgres: Single(held),
                Api: Single(held),
                SiloBase: Base(held, silos),
                GatewayBase: Base(held, silos),
                HttpBase: Base(held, silos));
        }
        finally
        {
            foreach (var listener in held)
            {
                listener.Stop();
            }
        }
    }

    /// <summary>The script's variables: <c>REDIS_PORT</c>, <c>PG_PORT</c>, <c>API_PORT</c> and the silos' bases.</summary>
    public Dictionary<string, string> AsEnvironment() => new()
    {
        ["REDIS_PORT"] = Text(Redis),
        ["PG_PORT"] = Text(Postgres),
        ["API_PORT"] = Text(Api),
        ["SILO_PORT_BASE"] = Text(SiloBase),
        ["GATEWAY_PORT_BASE"] = Text(GatewayBase),
        ["HTTP_PORT_BASE"] = Text(HttpBase),
    };

    private static int Single(List<TcpListener> held) => Base(held, 1) + 1;

    /// <summary>A base whose next <paramref name="count"/> ports are free (and now held): the OS picks the first.</summary>
    private static int Base(List<TcpListener> held, int count)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var first = Hold(0) ?? throw new InvalidOperationException("No free loopback port.");
            var range = new List<TcpListener> { first };
            var start = ((IPEndPoint)first.LocalEndpoint).Port;
            while (range.Count < count && start + range.Count <= IPEndPoint.MaxPort && Hold(start + range.Count) is { } next)
            {
                range.Add(next);
            }

            held.AddRange(range);
            if (range.Count == count)
            {
                return start - 1;
            }

            // Part of the range is taken: keep what was held (so the OS offers another port) and try again.
        }

        throw new InvalidOperationException($"Found no {count} consecutive free loopback ports in {Attempts} attempts.");
    }

    private static TcpListener? Hold(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return listener;
        }
        catch (SocketException)
        {
            listener.Dispose();
            return null;
        }
    }

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
