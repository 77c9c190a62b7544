namespace PersonalizedLine.Tests.Pipeline;

/// <summary>Three silos, four rows in flight per silo: small enough to see the limit, big enough to see spread.</summary>
public sealed class ThreeSiloCluster() : ClusterFixture(silos: 3, maxConcurrentRowsPerSilo: ThreeSiloCluster.RowsPerSilo)
{
    public const int RowsPerSilo = 4;
}
