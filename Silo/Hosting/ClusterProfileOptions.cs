using Microsoft.Extensions.Configuration;

namespace PersonalizedLine.Silo.Hosting;

/// <summary>Cluster profile, chosen by configuration in one place (the <c>Cluster</c> section).</summary>
public sealed class ClusterProfileOptions
{
    public const string SectionName = "Cluster";

    public ClusterMode Mode { get; set; } = ClusterMode.Embedded;

    public string ClusterId { get; set; } = "personalizedline";

    public string ServiceId { get; set; } = "personalizedline";

    /// <summary>Silo-to-silo port. 0 picks a free one in the embedded profile, so two local runs never collide.</summary>
    public int SiloPort { get; set; }

    /// <summary>Client gateway port. 0 picks a free one in the embedded profile.</summary>
    public int GatewayPort { get; set; }

    /// <summary>The first silo's port, which the others join through (<see cref="ClusterMode.Localhost"/>).</summary>
    public int PrimarySiloPort { get; set; } = 11111;

    /// <summary>
    /// The address a silo advertises to the others (<see cref="ClusterMode.Distributed"/> outside Kubernetes, where
    /// the pod IP is used). Loopback by default, for a cluster on one machine.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>The silo's name in logs, the dashboard and a job's rows per silo (Kubernetes uses the pod name).</summary>
    public string? SiloName { get; set; }

    /// <summary>Take silo identity and addresses from the pod (<c>POD_NAME</c>, <c>POD_IP</c>, labels).</summary>
    public bool Kubernetes { get; set; }

    /// <summary>How long a stopping silo may take to hand its grains over before the process exits.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The profile as configured. Read straight from configuration because it decides how the host is built,
    /// before any service provider exists.
    /// </summary>
    public static ClusterProfileOptions From(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<ClusterProfileOptions>() ?? new();

    public int EffectiveSiloPort => SiloPort != 0 ? SiloPort : Mode == ClusterMode.Embedded ? FreePort.Pick() : 11111;

    public int EffectiveGatewayPort => GatewayPort != 0 ? GatewayPort : Mode == ClusterMode.Embedded ? FreePort.Pick() : 30000;
}
