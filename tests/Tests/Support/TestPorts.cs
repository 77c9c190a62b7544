using System.Net;
using System.Net.Sockets;

namespace PersonalizedLine.Tests.Support;

/// <summary>
/// Ports for the servers tests start: silos, the API, Redis, PostgreSQL. Many of them are killed and started again
/// on the same port. A port the OS hands out for "port 0" comes from the ephemeral range, which is also where the
/// local end of every outgoing connection is taken from, so while such a server is down any client connection on
/// the machine may take its port and the restart fails with "address already in use". These ports come from below
/// the ephemeral range instead, each one handed out once per test run, and are checked free when picked.
/// </summary>
public static class TestPorts
{
    private const int RangeSize = 12_000;
    private static readonly (int First, int Last) Range = BelowEphemeralRange();

    // A random start keeps two test runs on one machine from walking the same sequence.
    private static int _next = Range.First + Random.Shared.Next(RangeSize / 2);

    /// <summary>One free port.</summary>
    public static int Pick() => PickBlock(1);

    /// <summary>The first of <paramref name="size"/> consecutive free ports (for scripts that add an index to a base).</summary>
    public static int PickBlock(int size)
    {
        for (var attempt = 0; attempt < RangeSize; attempt++)
        {
            var first = Interlocked.Add(ref _next, size) - size;
            if (first + size > Range.Last)
            {
                Interlocked.CompareExchange(ref _next, Range.First, first + size);
                continue;
            }

            if (Enumerable.Range(first, size).All(IsFree))
            {
                return first;
            }
        }

        throw new InvalidOperationException($"No {size} free consecutive ports between {Range.First} and {Range.Last}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static (int First, int Last) BelowEphemeralRange()
    {
        const string setting = "/proc/sys/net/ipv4/ip_local_port_range";
        var ephemeralStart = 32_768;
        if (File.Exists(setting)
            && int.TryParse(File.ReadAllText(setting).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0], out var start))
        {
            ephemeralStart = start;
        }

        var last = ephemeralStart - 1;
        return (Math.Max(1_024, last - RangeSize), last);
    }
}
