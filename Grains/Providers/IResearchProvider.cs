namespace PersonalizedLine.Grains.Providers;

/// <summary>Looks a lead's company up on the web and condenses what it finds into a short text.</summary>
public interface IResearchProvider
{
    /// <summary>True when no real search API is configured and findings are made up locally.</summary>
    bool IsOffline { get; }

    /// <exception cref="ProviderCallException">The provider failed for good (after retries).</exception>
    Task<ResearchFindings> ResearchAsync(string query, CancellationToken cancellationToken);
}
