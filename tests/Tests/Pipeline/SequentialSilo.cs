namespace PersonalizedLine.Tests.Pipeline;

/// <summary>
/// One silo with Processing__MaxConcurrentRowsPerSilo = 1: the old system's sequential rollback switch. A short row
/// budget shows that a row's budget starts when it gets its slot, not while it queues.
/// </summary>
public sealed class SequentialSilo() : ClusterFixture(silos: 1, maxConcurrentRowsPerSilo: 1,
    new Dictionary<string, string?> { ["Processing:RowTimeout"] = RowTimeout.ToString() })
{
    public static readonly TimeSpan RowTimeout = TimeSpan.FromSeconds(2);
}
