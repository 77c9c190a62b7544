namespace PersonalizedLine.Tests.Pipeline;

/// <summary>
/// One silo whose LLM plan allows one request a second (Llm__RequestsPerMinute = 60) and whose rows may spend only
/// 3 s on the providers (Processing__RowTimeout): a job of a few dozen rows makes most of them wait far longer than
/// their budget for a permit.
/// </summary>
public sealed class PacedLlmSilo() : ClusterFixture(silos: 1, maxConcurrentRowsPerSilo: 50,
    new Dictionary<string, string?>
    {
        ["Processing:RowTimeout"] = RowTimeout.ToString(),
        ["Llm:RequestsPerMinute"] = "60",
    })
{
    public static readonly TimeSpan RowTimeout = TimeSpan.FromSeconds(3);
}

[CollectionDefinition(Name)]
public sealed class PacedLlmCollection : ICollectionFixture<PacedLlmSilo>
{
    public const string Name = "One silo, LLM paced at 60 a minute";
}
