namespace PersonalizedLine.Silo.Hosting;

/// <summary>Cluster profile, chosen by configuration in one place (the <c>Cluster</c> section).</summary>
public sealed class ClusterProfileOptions
{
    public const string SectionName = "Cluster";

    public ClusterMode Mode { get; set; } = ClusterMode.Embedded;

    public string ClusterId { get; set; } = "personalizedline";

    public string ServiceId { get; set; } = "personalizedline";

    /// <summary>Silo-to-silo port. 0 picks a free one (embedded only, so two local runs never collide).</summary>
    public int SiloPort { get; set; }

    /// <summary>Client gateway port. 0 picks a free one (embedded only).</summary>
    public int GatewayPort { get; set; }

    /// <summary>The first silo's port, which the others join through (<see cref="ClusterMode.Localhost"/>).</summary>
    public int PrimarySiloPort { get; set; } = 11111;

    public int EffectiveSiloPort => SiloPort != 0 ? SiloPort : Mode == ClusterMode.Embedded ? FreePort.Pick() : 11111;

    public int EffectiveGatewayPort => GatewayPort != 0 ? GatewayPort : Mode == ClusterMode.Embedded ? FreePort.Pick() : 30000;
}
