namespace PersonalizedLine.Tests.Pipeline;

/// <summary>One silo with Processing__MaxConcurrentRowsPerSilo = 1: the old system's sequential rollback switch.</summary>
public sealed class SequentialSilo() : ClusterFixture(silos: 1, maxConcurrentRowsPerSilo: 1);
