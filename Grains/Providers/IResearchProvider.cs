namespace PersonalizedLine.Grains.Providers;

/// <summary>Looks a lead's company up on the web and condenses what it finds into a short text.</summary>
public interface IResearchProvider
{
    /// <summary>True when no real search API is configured and findings are made up locally.</summary>
    bool IsOffline { get; }

    /// <exception cref="ProviderCallException">The provider failed for good (after retries).</exception>
    Task<ResearchFindings> ResearchAsync(string query, CancellationToken cancellationToken);

    /// <summary>
    /// Research no older than <paramref name="refreshedSince"/> when it is set (a job that asked to refresh its
    /// research). Only a caching provider has older research to avoid; one that always searches satisfies it as it
    /// is, hence this default. An overload rather than a parameter, so providers that do not cache stay unchanged.
    /// </summary>
    /// <exception cref="ProviderCallException">The provider failed for good (after retries).</exception>
    Task<ResearchFindings> ResearchAsync(string query, DateTimeOffset? refreshedSince, CancellationToken cancellationToken) =>
        ResearchAsync(query, cancellationToken);
}
