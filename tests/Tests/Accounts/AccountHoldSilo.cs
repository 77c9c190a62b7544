using PersonalizedLine.Tests.Pipeline;

namespace PersonalizedLine.Tests.Accounts;

/// <summary>
/// One silo of its own whose provider keys are held for only a second after an account problem: its tests revoke keys,
/// which must not leave a hold behind for tests on a shared cluster.
/// </summary>
public sealed class AccountHoldSilo() : ClusterFixture(silos: 1, maxConcurrentRowsPerSilo: 4,
    new Dictionary<string, string?> { ["Research:AccountFaultHold"] = "00:00:01", ["Llm:AccountFaultHold"] = "00:00:01" });

[CollectionDefinition(Name)]
public sealed class AccountHoldCollection : ICollectionFixture<AccountHoldSilo>
{
    public const string Name = "One silo, short account holds";
}
