namespace PersonalizedLine.Tests.Pipeline;

/// <summary>Two silos to start with, chunks that start their pending rows again every second, and LLM calls allowed to take long.</summary>
public sealed class SiloJoiningCluster() : ClusterFixture(
    silos: 2,
    maxConcurrentRowsPerSilo: SiloJoiningCluster.RowsPerSilo,
    new Dictionary<string, string?>
    {
        ["Processing:PendingRowRetryInterval"] = "00:00:01",
        ["Llm:AttemptTimeout"] = "00:00:40",
    })
{
    public const int RowsPerSilo = 12;
}
