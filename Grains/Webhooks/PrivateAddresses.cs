using System.Net;
using System.Net.Sockets;

namespace PersonalizedLine.Grains.Webhooks;

/// <summary>
/// Which addresses a webhook may not reach unless private networks are allowed: anything that is not a public
/// unicast address (loopback, RFC 1918 private, link-local, unique-local, carrier-grade NAT, unspecified, multicast,
/// broadcast), IPv4 and IPv6 alike, IPv4 written as IPv6 (<c>::ffff:10.0.0.1</c>) included.
/// </summary>
public static class PrivateAddresses
{
    /// <summary>What kind of non-public address it is ("loopback", "private", …), or null for a public address.</summary>
    public static string? KindOf(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => KindOfIPv4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => KindOfIPv6(address),
            _ => "unsupported",
        };
    }

    private static string? KindOfIPv4(byte[] b) => b switch
    {
        [0, ..] => "unspecified",
        [127, ..] => "loopback",
        [10, ..] => "private",
        [172, >= 16 and <= 31, ..] => "private",
        [192, 168, ..] => "private",
        [169, 254, ..] => "link-local",
        [100, >= 64 and <= 127, ..] => "carrier-grade NAT",
        [192, 0, 0, _] => "IETF protocol assignment",
        [198, 18 or 19, ..] => "benchmarking",
        [>= 224 and <= 239, ..] => "multicast",
        [>= 240, ..] => "reserved",
        _ => null,
    };

    private static string? KindOfIPv6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "loopback";
        }

        if (address.Equals(IPAddress.IPv6None))
        {
            return "unspecified";
        }

        var b = address.GetAddressBytes();
        return b switch
        {
            [0xfe, >= 0x80 and <= 0xbf, ..] => "link-local",
            [0xfe, >= 0xc0, ..] => "site-local",
            [0xfc or 0xfd, ..] => "unique-local",
            [0xff, ..] => "multicast",
            // IPv4-compatible (::a.b.c.d, deprecated) and NAT64 (64:ff9b::a.b.c.d) addresses reach the IPv4 address inside.
            [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ..] => KindOfIPv4(b[12..]),
            [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, ..] => KindOfIPv4(b[12..]),
            _ => null,
        };
    }
}
